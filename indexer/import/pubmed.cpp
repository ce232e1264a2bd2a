// PubMed / MEDLINE XML -> paper records, with their authors (person),
// the authors' institutions (organization), grants (funded_by links to
// topics), MeSH headings and references (cites links).
//
// Both flavours are read: the baseline's MedlineCitationSet (one
// MedlineCitation per record) and PubmedArticleSet (PubmedArticle =
// MedlineCitation + PubmedData, where the DOI and the reference list live).
// A DeleteCitation withdraws records: RecordSink::Remove.
//
// libxml2's xmlTextReader streams the file; each record's element is
// expanded into a small DOM (xmlTextReaderExpand) and freed when the reader
// moves past it, so memory stays constant however large the file.  XML is
// never parsed by hand.  A well-formedness error (a truncated file, bytes
// that are not UTF-8) ends that file: the records read before it are kept
// and the error is reported with its line.
#include <strings.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include <libxml/xmlreader.h>

#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/names.h"

namespace seedgraph {
namespace {

// ---------------------------------------------------------------- DOM helpers

bool Is(const xmlNode* n, const char* name) {
  return n != nullptr && n->type == XML_ELEMENT_NODE && std::strcmp(reinterpret_cast<const char*>(n->name), name) == 0;
}

const xmlNode* Child(const xmlNode* n, const char* name) {
  if (n == nullptr) return nullptr;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (Is(c, name)) return c;
  }
  return nullptr;
}

std::vector<const xmlNode*> Children(const xmlNode* n, const char* name) {
  std::vector<const xmlNode*> out;
  if (n == nullptr) return out;
  for (const xmlNode* c = n->children; c != nullptr; c = c->next) {
    if (Is(c, name)) out.push_back(c);
  }
  return out;
}

// The text of an element with inline markup (<i>, <sup>) flattened.
std::string Text(const xmlNode* n) {
  if (n == nullptr) return "";
  xmlChar* content = xmlNodeGetContent(n);
  if (content == nullptr) return "";
  std::string s = CleanText(reinterpret_cast<const char*>(content));
  xmlFree(content);
  return s;
}

std::string Attr(const xmlNode* n, const char* name) {
  if (n == nullptr) return "";
  xmlChar* v = xmlGetProp(n, reinterpret_cast<const xmlChar*>(name));
  if (v == nullptr) return "";
  std::string s = reinterpret_cast<const char*>(v);
  xmlFree(v);
  return s;
}

// ---------------------------------------------------------------- fields

// PubDate: Year/Month/Day, or a free MedlineDate ("1998 Dec-1999 Jan").
std::string PubDate(const xmlNode* pub) {
  static constexpr const char* kMonths[] = {"jan", "feb", "mar", "apr", "may", "jun",
                                            "jul", "aug", "sep", "oct", "nov", "dec"};
  std::string year = Text(Child(pub, "Year"));
  if (year.empty()) {
    std::string md = Text(Child(pub, "MedlineDate"));
    return md.size() >= 4 && md.find_first_not_of("0123456789") >= 4 ? md.substr(0, 4) : "";
  }
  std::string month = Text(Child(pub, "Month")), day = Text(Child(pub, "Day"));
  int m = 0;
  if (!month.empty() && month[0] >= '0' && month[0] <= '9') {
    m = std::atoi(month.c_str());
  } else {
    for (int i = 0; i < 12 && month.size() >= 3; ++i) {
      if (strncasecmp(month.c_str(), kMonths[i], 3) == 0) m = i + 1;
    }
  }
  if (m < 1 || m > 12) return year;
  char buf[16];
  int d = day.empty() ? 0 : std::atoi(day.c_str());
  if (d >= 1 && d <= 31) std::snprintf(buf, sizeof buf, "%s-%02d-%02d", year.c_str(), m, d);
  else std::snprintf(buf, sizeof buf, "%s-%02d", year.c_str(), m);
  return buf;
}

// Structured abstracts keep their section labels ("METHODS: ...").
std::string AbstractText(const xmlNode* abstract) {
  std::string out;
  for (const xmlNode* t : Children(abstract, "AbstractText")) {
    std::string label = Attr(t, "Label"), body = Text(t);
    if (body.empty()) continue;
    if (!out.empty()) out += "\n\n";
    out += label.empty() ? body : label + ": " + body;
  }
  return out;
}

std::string MeshJson(const xmlNode* heading) {
  const xmlNode* d = Child(heading, "DescriptorName");
  Attrs a;
  a.Str("ui", Attr(d, "UI")).Str("name", Text(d)).Bool("major", Attr(d, "MajorTopicYN") == "Y");
  std::vector<std::string> q_ui, q_name;
  for (const xmlNode* q : Children(heading, "QualifierName")) {
    q_ui.push_back(Attr(q, "UI"));
    q_name.push_back(Text(q));
  }
  return a.Strs("qualifier_uis", q_ui).Strs("qualifiers", q_name).Done();
}

std::string JsonArray(const std::vector<std::string>& objects) {
  std::string s = "[";
  for (size_t i = 0; i < objects.size(); ++i) s += (i ? "," : "") + objects[i];
  return s + "]";
}

// ---------------------------------------------------------------- records

class PubmedReader {
 public:
  PubmedReader(const std::string& file, RecordSink* sink) : file_(file), sink_(sink) {}

  // One MedlineCitation (with the PubmedData next to it, if any).
  void Citation(const xmlNode* mc, const xmlNode* pubmed_data, int line);
  void Delete(const xmlNode* del);

 private:
  void Authors(const xmlNode* list, Record* paper, std::vector<std::string>* author_json);
  std::vector<std::string> Grants(const xmlNode* list, Record* paper);
  std::string Where(int line) const { return file_ + ":" + std::to_string(line); }

  std::string file_;
  RecordSink* sink_;
  EmittedSet emitted_;
};

void PubmedReader::Authors(const xmlNode* list, Record* paper, std::vector<std::string>* author_json) {
  for (const xmlNode* a : Children(list, "Author")) {
    if (Attr(a, "ValidYN") == "N") continue;  // an erratum's withdrawn name
    std::string last = Text(Child(a, "LastName")), fore = Text(Child(a, "ForeName"));
    std::string collective = Text(Child(a, "CollectiveName"));
    if (fore.empty()) fore = Text(Child(a, "Initials"));
    std::string orcid;
    for (const xmlNode* id : Children(a, "Identifier")) {
      if (Attr(id, "Source") != "ORCID") continue;
      orcid = Text(id);
      size_t slash = orcid.find_last_of('/');
      if (slash != std::string::npos) orcid = orcid.substr(slash + 1);
    }
    std::vector<std::string> affs, org_ids;
    for (const xmlNode* info : Children(a, "AffiliationInfo")) AddUnique(&affs, Text(Child(info, "Affiliation")));
    AddUnique(&affs, Text(Child(a, "Affiliation")));  // pre-2015 DTD
    for (const auto& aff : affs) {
      std::string inst = InstitutionOf(aff), org = OrganizationId(inst);
      if (org.empty()) continue;
      AddUnique(&org_ids, org);
      if (emitted_.FirstTime(org)) sink_->Accept(OrganizationRecord(org, inst, "", "PubMed"));
    }
    std::string display = collective.empty() ? (fore.empty() ? last : fore + " " + last) : collective;
    std::string id = !orcid.empty() ? "person:orcid:" + orcid
                     : collective.empty() ? PersonIdParts(last, fore) : OrganizationId(collective);
    if (id.empty()) continue;
    AddLink(paper, "author", id);
    author_json->push_back(Attrs().Str("name", display).Str("id", id).Strs("affiliations", affs).Done());
    if (!emitted_.FirstTime(id)) continue;
    if (!collective.empty()) {  // a consortium: an organization that authors
      sink_->Accept(OrganizationRecord(id, collective, "", "PubMed"));
      continue;
    }
    Record person = PersonRecord(id, display, "", org_ids, "PubMed");
    if (!orcid.empty()) {
      person.identifiers["orcid"] = orcid;
      person.attrs_json = Attrs().Str("source", "PubMed").Str("name_key", PersonKeyParts(last, fore)).Done();
    }
    sink_->Accept(std::move(person));
  }
}

std::vector<std::string> PubmedReader::Grants(const xmlNode* list, Record* paper) {
  std::vector<std::string> out;
  for (const xmlNode* g : Children(list, "Grant")) {
    std::string number = Text(Child(g, "GrantID")), agency = Text(Child(g, "Agency"));
    GrantRef ref = NormaliseGrant(number, agency);
    AddLink(paper, "funded_by", ref.topic_id);
    out.push_back(Attrs()
                      .Str("id", number)
                      .Str("agency", agency)
                      .Str("acronym", Text(Child(g, "Acronym")))
                      .Str("country", Text(Child(g, "Country")))
                      .Str("topic", ref.topic_id)
                      .Done());
  }
  return out;
}

void PubmedReader::Citation(const xmlNode* mc, const xmlNode* pubmed_data, int line) {
  sink_->At(Where(line));
  std::string pmid = Text(Child(mc, "PMID"));
  if (pmid.empty() || pmid.find_first_not_of("0123456789") != std::string::npos) {
    sink_->Reject(Where(line), "PMID: missing or not a number ('" + pmid.substr(0, 40) + "')");
    return;
  }
  const xmlNode* article = Child(mc, "Article");
  Record r;
  r.id = "paper:pmid:" + pmid;
  r.type = "paper";
  r.identifiers["pmid"] = pmid;
  std::string title = Text(Child(article, "ArticleTitle")), vernacular = Text(Child(article, "VernacularTitle"));
  r.title.en = title;
  if (HasJapanese(vernacular)) r.title.ja = vernacular;
  r.text.en = AbstractText(Child(article, "Abstract"));
  const xmlNode* journal = Child(article, "Journal");
  const xmlNode* issue = Child(journal, "JournalIssue");
  r.date = PubDate(Child(issue, "PubDate"));
  if (r.date.empty()) r.date = PubDate(Child(article, "ArticleDate"));
  for (const xmlNode* e : Children(article, "ELocationID")) {
    if (Attr(e, "EIdType") == "doi") r.identifiers["doi"] = NormaliseDoi(Text(e));
  }
  const xmlNode* ids = Child(pubmed_data, "ArticleIdList");
  for (const xmlNode* e : Children(ids, "ArticleId")) {
    std::string type = Attr(e, "IdType");
    if (type == "doi" && !NormaliseDoi(Text(e)).empty()) r.identifiers["doi"] = NormaliseDoi(Text(e));
    if (type == "pmc") r.identifiers["pmc"] = Text(e);
  }
  if (r.identifiers.count("doi") && r.identifiers["doi"].empty()) r.identifiers.erase("doi");
  std::vector<std::string> authors, mesh;
  Authors(Child(article, "AuthorList"), &r, &authors);
  std::vector<std::string> grants = Grants(Child(article, "GrantList"), &r);
  for (const xmlNode* h : Children(Child(mc, "MeshHeadingList"), "MeshHeading")) {
    AddUnique(&r.keywords, Text(Child(h, "DescriptorName")));
    mesh.push_back(MeshJson(h));
  }
  for (const xmlNode* kl : Children(mc, "KeywordList")) {
    for (const xmlNode* k : Children(kl, "Keyword")) AddUnique(&r.keywords, Text(k));
  }
  for (const xmlNode* ref : Children(Child(pubmed_data, "ReferenceList"), "Reference")) {
    for (const xmlNode* e : Children(Child(ref, "ArticleIdList"), "ArticleId")) {
      if (Attr(e, "IdType") == "pubmed" && !Text(e).empty()) AddLink(&r, "cites", "paper:pmid:" + Text(e));
    }
  }
  std::vector<std::string> types, languages;
  for (const xmlNode* t : Children(Child(article, "PublicationTypeList"), "PublicationType")) types.push_back(Text(t));
  for (const xmlNode* l : Children(article, "Language")) languages.push_back(Text(l));
  std::string journal_json = Attrs()
                                 .Str("title", Text(Child(journal, "Title")))
                                 .Str("iso_abbreviation", Text(Child(journal, "ISOAbbreviation")))
                                 .Str("issn", Text(Child(journal, "ISSN")))
                                 .Str("volume", Text(Child(issue, "Volume")))
                                 .Str("issue", Text(Child(issue, "Issue")))
                                 .Str("pages", Text(Child(Child(article, "Pagination"), "MedlinePgn")))
                                 .Done();
  Attrs attrs;
  attrs.Str("source", "PubMed").Raw("journal", journal_json).Strs("publication_types", types).Strs("languages", languages);
  if (!authors.empty()) attrs.Raw("authors", JsonArray(authors));
  if (!mesh.empty()) attrs.Raw("mesh", JsonArray(mesh));
  if (!grants.empty()) attrs.Raw("grants", JsonArray(grants));
  r.attrs_json = attrs.Done();
  if (r.title.empty()) r.title.en = "(untitled) PMID " + pmid;  // books and errata may lack one
  sink_->Accept(std::move(r));
}

void PubmedReader::Delete(const xmlNode* del) {
  for (const xmlNode* p : Children(del, "PMID")) {
    std::string pmid = Text(p);
    if (!pmid.empty()) sink_->Remove("paper:pmid:" + pmid);
  }
}

// ---------------------------------------------------------------- streaming

struct ErrorState {
  std::string message;
  int line = 0;
};

void OnXmlError(void* user, xmlErrorPtr e) {
  auto* st = static_cast<ErrorState*>(user);
  if (e == nullptr || e->level < XML_ERR_ERROR || !st->message.empty()) return;
  st->message = e->message ? CleanText(e->message) : "parse error";
  st->line = e->line;
}

struct ReaderFree {
  void operator()(xmlTextReader* r) const { xmlFreeTextReader(r); }
};

// The reader is fed a few hundred bytes at a time: libxml2 stops at the
// first well-formedness error it parses, and parsing runs as far ahead as
// the bytes it was given, so small reads keep a bad byte near the end of a
// file from costing the complete records just before it.
constexpr int kReadChunk = 256;

int ReadChunk(void* context, char* buffer, int len) {
  size_t n = std::fread(buffer, 1, static_cast<size_t>(std::min(len, kReadChunk)), static_cast<FILE*>(context));
  return std::ferror(static_cast<FILE*>(context)) ? -1 : static_cast<int>(n);
}

int CloseNothing(void*) { return 0; }  // the FILE is owned by ImportOne

Status ImportOne(const std::string& file, RecordSink* sink) {
  int options = XML_PARSE_NONET | XML_PARSE_COMPACT;  // never fetch the DTD from the network
  std::unique_ptr<FILE, int (*)(FILE*)> owned(file == "-" ? nullptr : std::fopen(file.c_str(), "rb"), [](FILE* f) {
    return f ? std::fclose(f) : 0;
  });
  FILE* in = file == "-" ? stdin : owned.get();
  if (in == nullptr) return Status::IOError(file + ": cannot open");
  std::unique_ptr<xmlTextReader, ReaderFree> reader(
      xmlReaderForIO(ReadChunk, CloseNothing, in, file.c_str(), nullptr, options));
  if (!reader) return Status::IOError(file + ": cannot open");
  ErrorState err;
  xmlTextReaderSetStructuredErrorHandler(reader.get(), OnXmlError, &err);
  PubmedReader records(file, sink);
  int ret = xmlTextReaderRead(reader.get());
  bool saw_root = false;
  while (ret == 1) {
    saw_root = true;
    const char* name = reinterpret_cast<const char*>(xmlTextReaderConstLocalName(reader.get()));
    bool element = xmlTextReaderNodeType(reader.get()) == XML_READER_TYPE_ELEMENT;
    bool wanted = element && xmlTextReaderDepth(reader.get()) == 1 &&
                  (!std::strcmp(name, "MedlineCitation") || !std::strcmp(name, "PubmedArticle") ||
                   !std::strcmp(name, "DeleteCitation"));
    if (!wanted) {
      ret = xmlTextReaderRead(reader.get());
      continue;
    }
    xmlNode* node = xmlTextReaderExpand(reader.get());
    bool failed = node == nullptr;
    if (failed) {
      // Expanding reads ahead to the record's successor, so an error just
      // after a complete record fails it too.  The record is whole when the
      // parser got past its end tag, i.e. when it has a next sibling.
      node = xmlTextReaderCurrentNode(reader.get());
      if (node == nullptr || node->next == nullptr) break;  // cut short: reported below
    }
    int line = xmlGetLineNo(node);
    if (Is(node, "DeleteCitation")) records.Delete(node);
    else if (Is(node, "PubmedArticle")) records.Citation(Child(node, "MedlineCitation"), Child(node, "PubmedData"), line);
    else records.Citation(node, nullptr, line);
    if (failed) break;
    ret = xmlTextReaderNext(reader.get());
  }
  if (!err.message.empty() || ret < 0 || ret == 1) {
    if (err.message.empty() && !saw_root && std::ferror(in)) return Status::IOError(file + ": cannot read");
    std::string msg = err.message.empty() ? "parse error" : err.message;
    sink->Reject(file + ":" + std::to_string(err.line), "xml: " + msg + " (the rest of the file is not read)");
  }
  return Status::Ok();
}

}  // namespace

Status ImportPubmed(const std::vector<std::string>& files, RecordSink* sink) {
  xmlInitParser();
  for (const auto& f : files) {
    Status st = ImportOne(f, sink);
    if (!st.ok()) return st;
  }
  return Status::Ok();
}

}  // namespace seedgraph
