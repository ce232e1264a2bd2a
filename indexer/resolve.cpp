#include "indexer/resolve.h"

#include <algorithm>
#include <iterator>
#include <map>
#include <memory>
#include <set>
#include <unordered_map>
#include <utility>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>
#include <xapian.h>

#include "indexer/import/entities.h"
#include "indexer/import/names.h"
#include "indexer/indexer.h"
#include "indexer/synonyms.h"
#include "schema/index_layout.h"
#include "schema/record_json.h"
#include "schema/vocab.h"

namespace seedgraph {
namespace {

// Schemes whose value names exactly one thing.  Left out on purpose:
// classification codes (mesh, icd10, mondo, nando, notification_no), which
// several distinct records may share without being one thing.
constexpr const char* kIdentitySchemes[] = {
    "doi",  "pmid",  "pmc",    "openalex", "patent", "corporate_number", "edinet", "grant",   "orcid",
    "ror",  "nct",   "jrct",   "umin",     "japic",  "jma",              "chictr", "euctr",   "isrctn",
    "irct", "anzctr", "ntr",   "tctr",     "drks",   "ctri",             "cris",   "registry_id",
    "jga",  "dra",   "nbdc"};

// Schemes that classify rather than identify: NANDO maps a disease and its
// subtypes to one MONDO class (巨細胞性動脈炎 and its localised forms), and
// every NANDO→MONDO link is a skos:closeMatch.  A shared code links two
// records only when they also share a name (rule 4).
constexpr const char* kClassSchemes[] = {"mondo"};

// The relations that make a person the author of a record.
constexpr const char* kPersonRels[] = {"author", "inventor", "investigator"};

constexpr size_t kMaxEvidenceRecords = 6;
constexpr size_t kMaxEvidenceShared = 10;

bool IsIdentityScheme(const std::string& scheme) {
  return std::any_of(std::begin(kIdentitySchemes), std::end(kIdentitySchemes),
                     [&](const char* s) { return scheme == s; });
}

bool StartsWith(const std::string& s, const std::string& prefix) { return s.compare(0, prefix.size(), prefix) == 0; }

// An EDINET company is the organization PubMed names in an affiliation:
// for merging, the two types are one.
std::string TypeClass(const std::string& type) { return type == "company" ? "organization" : type; }

// schema's rank, an unknown level counting as the most restricted.
int RankOf(const std::string& v) {
  const int rank = VisibilityRank(v);
  return rank >= 0 ? rank : static_cast<int>(Visibilities().entries.size()) - 1;
}

// An identifier value in the form two sources agree on: DOIs as the
// importers write them, anything else NFKC-casefolded without spaces
// ("NCT 0431" = "nct0431").
std::string IdValue(const std::string& scheme, const std::string& value) {
  if (scheme == "doi") {
    std::string doi = NormaliseDoi(value);
    if (!doi.empty()) return doi;
  }
  std::string n = NormaliseName(value);
  n.erase(std::remove(n.begin(), n.end(), ' '), n.end());
  return n;
}

// The identity scheme on which two records disagree, "" if none: two papers
// sharing a DOI but with different PMIDs are an article and its erratum, two
// people with different ORCIDs are two people, whatever else they share.
std::string Conflict(const Record& a, const Record& b) {
  for (const auto& [scheme, value] : a.identifiers) {
    if (!IsIdentityScheme(scheme)) continue;
    auto it = b.identifiers.find(scheme);
    if (it != b.identifiers.end() && IdValue(scheme, value) != IdValue(scheme, it->second)) return scheme;
  }
  return "";
}

bool HasLink(const Record& r, const std::string& rel, const std::string& to) {
  return std::any_of(r.links.begin(), r.links.end(), [&](const Link& l) { return l.rel == rel && l.to == to; });
}

// The first UTF-8 character of s.
std::string Head(const std::string& s) {
  size_t n = s.empty() ? 0 : 1;
  while (n < s.size() && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) ++n;
  return s.substr(0, n);
}

// Why two records are the same thing; stored, seen from one side, in that
// side's attrs.same_as_evidence.
struct Evidence {
  std::string by;     // an identifier scheme, "name+coauthors" or "name"
  std::string value;  // the shared value or name key(s)
  std::vector<std::string> names, records, shared;
};

struct Merge {
  std::string a, b;
  std::string type_class;
  Evidence evidence;
};

rapidjson::Value JsonStrings(const std::vector<std::string>& list, rapidjson::Document::AllocatorType& alloc) {
  rapidjson::Value arr(rapidjson::kArrayType);
  for (const auto& s : list) arr.PushBack(rapidjson::Value(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), alloc), alloc);
  return arr;
}

bool StringMember(const rapidjson::Value& v, const char* key, const std::string& expected) {
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() && expected == it->value.GetString();
}

// Adds {"to", "by", "value", ...} to attrs.same_as_evidence unless an entry
// with the same `to` and `by` is there (that is what makes a rerun add
// nothing).  False when nothing changed; a `same_as_evidence` that is not an
// array is someone else's data and is left alone.
bool AddEvidence(Record* r, const std::string& to, const Evidence& e) {
  rapidjson::Document attrs;
  if (r->attrs_json.empty()) attrs.SetObject();
  else attrs.Parse(r->attrs_json.c_str(), r->attrs_json.size());
  if (attrs.HasParseError() || !attrs.IsObject()) return false;
  auto& alloc = attrs.GetAllocator();
  if (!attrs.HasMember("same_as_evidence")) attrs.AddMember("same_as_evidence", rapidjson::Value(rapidjson::kArrayType), alloc);
  rapidjson::Value& list = attrs["same_as_evidence"];
  if (!list.IsArray()) return false;
  for (const auto& old : list.GetArray()) {
    if (old.IsObject() && StringMember(old, "to", to) && StringMember(old, "by", e.by)) return false;
  }
  rapidjson::Value entry(rapidjson::kObjectType);
  auto str = [&](const std::string& s) { return rapidjson::Value(s.c_str(), static_cast<rapidjson::SizeType>(s.size()), alloc); };
  entry.AddMember("to", str(to), alloc);
  entry.AddMember("by", str(e.by), alloc);
  entry.AddMember("value", str(e.value), alloc);
  if (!e.names.empty()) entry.AddMember("names", JsonStrings(e.names, alloc), alloc);
  if (!e.records.empty()) entry.AddMember("records", JsonStrings(e.records, alloc), alloc);
  if (!e.shared.empty()) entry.AddMember("shared_people", JsonStrings(e.shared, alloc), alloc);
  list.PushBack(entry, alloc);
  rapidjson::StringBuffer buf;
  rapidjson::Writer<rapidjson::StringBuffer> writer(buf);
  attrs.Accept(writer);
  r->attrs_json.assign(buf.GetString(), buf.GetSize());
  return true;
}

// What a corroboration search found for a pair of people.
struct Corroboration {
  bool veto = false;  // one record names both: two people
  Evidence evidence;  // records and shared people; empty when none
};

class Resolver {
 public:
  Resolver(Xapian::Database* db, const ResolveOptions& options, ResolveStats* stats)
      : db_(db), options_(options), stats_(stats) {}

  void Identifiers(std::vector<Merge>* out);
  void People(std::vector<Merge>* out);
  void Organizations(std::vector<Merge>* out);
  void Classified(std::vector<Merge>* out);
  void Marketers(std::vector<Merge>* out);
  // Adds the links and evidence of `merges`; writes through `indexer`
  // unless it is null (dry run).
  Status Apply(const std::vector<Merge>& merges, Indexer* indexer);

 private:
  const Record* Find(const std::string& id);
  const Record* AtDoc(Xapian::docid did);
  std::vector<std::string> IdsWithPrefix(const std::string& id_prefix);
  void IdentifierGroup(const std::string& scheme, const std::vector<std::string>& terms, std::vector<Merge>* out);
  // Checks the rules every merge obeys; false (and counted) when one fails.
  bool Allowed(const Record& a, const Record& b);
  void Propose(const Record& a, const Record& b, Evidence e, std::vector<Merge>* out);
  void FamilyMerges(const std::vector<std::pair<std::string, std::string>>& people, std::vector<Merge>* out);
  std::vector<Merge> DropAmbiguous(std::vector<Merge> found);
  Corroboration Corroborate(const Record& a, const Record& b);
  std::vector<Xapian::docid> Linkers(const std::string& person_id);
  const std::vector<std::string>& PeopleOf(Xapian::docid did);
  bool VisibleTo(const std::string& id, int rank);
  Record* Editable(const std::string& id);

  Xapian::Database* db_;
  const ResolveOptions& options_;
  ResolveStats* stats_;
  std::unordered_map<std::string, std::unique_ptr<Record>> by_id_;  // null: not indexed
  std::unordered_map<Xapian::docid, std::string> doc_ids_;
  std::unordered_map<Xapian::docid, std::vector<std::string>> people_of_;
  std::map<std::string, Record> edits_;  // records to write back, by id
};

const Record* Resolver::Find(const std::string& id) {
  auto it = by_id_.find(id);
  if (it != by_id_.end()) return it->second.get();
  std::unique_ptr<Record> r;
  const std::string term = MakeTerm(prefix::kId, id);
  Xapian::PostingIterator p = db_->postlist_begin(term);
  if (p != db_->postlist_end(term)) {
    r = std::make_unique<Record>();
    if (!ParseRecord(db_->get_document(*p).get_data(), r.get()).ok()) r.reset();
  }
  return (by_id_[id] = std::move(r)).get();
}

const Record* Resolver::AtDoc(Xapian::docid did) {
  auto known = doc_ids_.find(did);
  if (known != doc_ids_.end()) return Find(known->second);
  auto r = std::make_unique<Record>();
  if (!ParseRecord(db_->get_document(did).get_data(), r.get()).ok()) return nullptr;
  std::string id = r->id;
  doc_ids_[did] = id;
  if (!by_id_.count(id)) by_id_[id] = std::move(r);
  return by_id_[id].get();
}

// Record ids from the unique-id terms, without reading the documents; an id
// too long for a term (cut and hashed by MakeTerm) is read from its record.
std::vector<std::string> Resolver::IdsWithPrefix(const std::string& id_prefix) {
  std::vector<std::string> ids;
  const std::string term_prefix = std::string(prefix::kId) + id_prefix;
  for (auto t = db_->allterms_begin(term_prefix); t != db_->allterms_end(term_prefix); ++t) {
    std::string term = *t;
    if (term.size() < 228) {
      ids.push_back(term.substr(prefix::kId.size()));
      continue;
    }
    Xapian::PostingIterator p = db_->postlist_begin(term);
    const Record* r = p == db_->postlist_end(term) ? nullptr : AtDoc(*p);
    if (r != nullptr) ids.push_back(r->id);
  }
  return ids;
}

bool Resolver::Allowed(const Record& a, const Record& b) {
  if (a.id == b.id || TypeClass(a.type) != TypeClass(b.type)) return false;
  // A link or evidence naming a record of another visibility would show a
  // hidden record's id to someone who may see only the other one.
  if (a.visibility != b.visibility) {
    ++stats_->visibility;
    return false;
  }
  if (!Conflict(a, b).empty()) {
    ++stats_->vetoed;
    return false;
  }
  return true;
}

void Resolver::Propose(const Record& a, const Record& b, Evidence e, std::vector<Merge>* out) {
  if (!Allowed(a, b)) return;
  out->push_back(Merge{a.id, b.id, TypeClass(a.type), std::move(e)});
}

// ---------------------------------------------------------------- rule 1

void Resolver::Identifiers(std::vector<Merge>* out) {
  for (const char* scheme : kIdentitySchemes) {
    const std::string term_prefix = std::string(prefix::kIdentifier) + scheme + ":";
    // Terms hold values as the sources wrote them, case-folded.  The few not
    // in normal form ("https://doi.org/10.1/x", "nct 0431") are gathered
    // first, so each joins the term of its normal form below.
    std::map<std::string, std::vector<std::string>> odd;  // normal value -> terms
    for (auto t = db_->allterms_begin(term_prefix); t != db_->allterms_end(term_prefix); ++t) {
      std::string value = (*t).substr(term_prefix.size());
      std::string normal = IdValue(scheme, value);
      if (normal != value && (*t).size() < 228) odd[normal].push_back(*t);
    }
    for (auto t = db_->allterms_begin(term_prefix); t != db_->allterms_end(term_prefix); ++t) {
      std::string value = (*t).substr(term_prefix.size());
      if ((*t).size() < 228 && IdValue(scheme, value) != value) continue;  // in `odd`: joins its normal form
      std::vector<std::string> terms = {*t};
      auto same = odd.find(value);
      if (same != odd.end()) {
        terms.insert(terms.end(), same->second.begin(), same->second.end());
        odd.erase(same);
      }
      IdentifierGroup(scheme, terms, out);
    }
    for (const auto& [normal, terms] : odd) IdentifierGroup(scheme, terms, out);  // no term in normal form
  }
}

// The records holding some identifier terms of one value, grouped by type
// and by the value re-normalised here (a long term is cut and hashed; the
// value in the record is whole).
void Resolver::IdentifierGroup(const std::string& scheme, const std::vector<std::string>& terms,
                               std::vector<Merge>* out) {
  size_t holders = 0;
  for (const auto& term : terms) holders += db_->get_termfreq(term);
  if (holders < 2) return;
  if (holders > options_.max_group) {
    ++stats_->large_groups;
    return;
  }
  std::map<std::pair<std::string, std::string>, std::vector<const Record*>> groups;
  for (const auto& term : terms) {
    for (auto p = db_->postlist_begin(term); p != db_->postlist_end(term); ++p) {
      const Record* r = AtDoc(*p);
      if (r == nullptr) continue;
      auto it = r->identifiers.find(scheme);
      if (it != r->identifiers.end()) groups[{TypeClass(r->type), IdValue(scheme, it->second)}].push_back(r);
    }
  }
  for (const auto& [key, records] : groups) {
    for (size_t i = 0; i < records.size(); ++i) {
      for (size_t j = i + 1; j < records.size(); ++j) {
        Propose(*records[i], *records[j], Evidence{scheme, key.second, {}, {}, {}}, out);
      }
    }
  }
}

// ---------------------------------------------------------------- rule 2

// The person's name key: from the id when the id is the name, else from the
// display name (attrs.name_key is not used: for an ORCID person some
// importers put the ORCID there).
std::string PersonKeyOf(const Record& r) {
  static const std::string kNamePrefix = "person:name:";
  if (StartsWith(r.id, kNamePrefix)) return r.id.substr(kNamePrefix.size());
  return PersonKey(r.title.en.empty() ? r.title.ja : r.title.en);
}

void Resolver::People(std::vector<Merge>* out) {
  // family -> (id, key).  One pair per person in memory: the price of
  // seeing every spelling of a family name at once.
  std::map<std::string, std::vector<std::pair<std::string, std::string>>> by_family;
  static const std::string kNamePrefix = "person:name:";
  for (const std::string& id : IdsWithPrefix("person:")) {
    std::string key;
    if (StartsWith(id, kNamePrefix)) {
      key = id.substr(kNamePrefix.size());
    } else if (const Record* r = Find(id)) {
      key = PersonKeyOf(*r);
    }
    if (key.empty()) continue;
    size_t cut = key.rfind('_');
    by_family[cut == std::string::npos ? key : key.substr(0, cut)].emplace_back(id, key);
  }
  for (const auto& [family, people] : by_family) {
    if (people.size() > 1) FamilyMerges(people, out);
  }
}

void Resolver::FamilyMerges(const std::vector<std::pair<std::string, std::string>>& people, std::vector<Merge>* out) {
  // Only names starting with the same letter can be compatible: compare
  // within those buckets, not all pairs of a family ("wang" has thousands).
  std::map<std::string, std::vector<size_t>> by_head;
  for (size_t i = 0; i < people.size(); ++i) {
    const std::string& key = people[i].second;
    size_t cut = key.rfind('_');
    by_head[cut == std::string::npos ? "" : Head(key.substr(cut + 1))].push_back(i);
  }
  std::vector<Merge> found;
  for (const auto& [head, members] : by_head) {
    for (size_t x = 0; x < members.size(); ++x) {
      for (size_t y = x + 1; y < members.size(); ++y) {
        const auto& p = people[members[x]];
        const auto& q = people[members[y]];
        if (p.first == q.first || !PersonKeysCompatible(p.second, q.second)) continue;
        const Record* a = Find(p.first);
        const Record* b = Find(q.first);
        if (a == nullptr || b == nullptr || !Allowed(*a, *b)) continue;
        Corroboration c = Corroborate(*a, *b);
        if (c.veto) ++stats_->vetoed;
        else if (c.evidence.records.empty()) ++stats_->uncorroborated;
        else found.push_back(Merge{a->id, b->id, "person", std::move(c.evidence)});
      }
    }
  }
  for (Merge& m : DropAmbiguous(std::move(found))) out->push_back(std::move(m));
}

// A person corroborated with two people who cannot be one (K. Sun with both
// Xiuzhi Sun and Xiaoming Sun) is left unmerged: co-authorship alone cannot
// say which one the initial stands for.
std::vector<Merge> Resolver::DropAmbiguous(std::vector<Merge> found) {
  std::map<std::string, std::vector<const Record*>> partners;
  for (const Merge& m : found) {
    partners[m.a].push_back(Find(m.b));
    partners[m.b].push_back(Find(m.a));
  }
  std::set<std::string> ambiguous;
  for (const auto& [id, list] : partners) {
    for (size_t i = 0; i < list.size(); ++i) {
      for (size_t j = i + 1; j < list.size(); ++j) {
        bool compatible = PersonKeysCompatible(PersonKeyOf(*list[i]), PersonKeyOf(*list[j])) &&
                          Conflict(*list[i], *list[j]).empty();
        if (!compatible) ambiguous.insert(id);
      }
    }
  }
  std::vector<Merge> kept;
  for (Merge& m : found) {
    if (ambiguous.count(m.a) || ambiguous.count(m.b)) ++stats_->ambiguous;
    else kept.push_back(std::move(m));
  }
  return kept;
}

std::vector<Xapian::docid> Resolver::Linkers(const std::string& person_id) {
  std::vector<Xapian::docid> docs;
  for (const char* rel : kPersonRels) {
    const std::string term = MakeTerm(prefix::kLink, std::string(rel) + ":" + person_id);
    for (auto p = db_->postlist_begin(term); p != db_->postlist_end(term); ++p) {
      if (docs.size() >= options_.max_records_per_person) break;
      docs.push_back(*p);
    }
  }
  std::sort(docs.begin(), docs.end());
  docs.erase(std::unique(docs.begin(), docs.end()), docs.end());
  return docs;
}

// The people a record names (author / inventor / investigator), sorted.
const std::vector<std::string>& Resolver::PeopleOf(Xapian::docid did) {
  auto it = people_of_.find(did);
  if (it != people_of_.end()) return it->second;
  std::vector<std::string> people;
  if (const Record* r = AtDoc(did)) {
    for (const Link& l : r->links) {
      bool person_rel = std::any_of(std::begin(kPersonRels), std::end(kPersonRels), [&](const char* x) { return l.rel == x; });
      if (person_rel) people.push_back(l.to);
    }
  }
  std::sort(people.begin(), people.end());
  people.erase(std::unique(people.begin(), people.end()), people.end());
  return people_of_[did] = std::move(people);
}

// True when naming `id` in evidence on a record of visibility `rank` shows
// nothing hidden: the record is at most as restricted, or not indexed (then
// its id is only a link target, visible on the record that links to it).
bool Resolver::VisibleTo(const std::string& id, int rank) {
  const Record* r = Find(id);
  return r == nullptr || RankOf(r->visibility) <= rank;
}

Corroboration Resolver::Corroborate(const Record& a, const Record& b) {
  Corroboration c;
  std::vector<Xapian::docid> ra = Linkers(a.id), rb = Linkers(b.id);
  std::vector<Xapian::docid> both;
  std::set_intersection(ra.begin(), ra.end(), rb.begin(), rb.end(), std::back_inserter(both));
  if (!both.empty()) {
    c.veto = true;
    return c;
  }
  const int rank = RankOf(a.visibility);
  Evidence& e = c.evidence;
  for (Xapian::docid d1 : ra) {
    for (Xapian::docid d2 : rb) {
      std::vector<std::string> shared;
      const auto& p1 = PeopleOf(d1);
      const auto& p2 = PeopleOf(d2);
      std::set_intersection(p1.begin(), p1.end(), p2.begin(), p2.end(), std::back_inserter(shared));
      shared.erase(std::remove_if(shared.begin(), shared.end(),
                                  [&](const std::string& s) { return s == a.id || s == b.id || !VisibleTo(s, rank); }),
                   shared.end());
      if (shared.empty() || e.records.size() >= kMaxEvidenceRecords) continue;
      const Record* r1 = AtDoc(d1);
      const Record* r2 = AtDoc(d2);
      if (r1 == nullptr || r2 == nullptr || !VisibleTo(r1->id, rank) || !VisibleTo(r2->id, rank)) continue;
      AddUnique(&e.records, r1->id);
      AddUnique(&e.records, r2->id);
      for (const auto& s : shared) {
        if (e.shared.size() < kMaxEvidenceShared) AddUnique(&e.shared, s);
      }
    }
  }
  if (e.records.empty()) return c;
  e.by = "name+coauthors";
  e.value = PersonKeyOf(a) + " ~ " + PersonKeyOf(b);
  e.names = {a.title.en.empty() ? a.title.ja : a.title.en, b.title.en.empty() ? b.title.ja : b.title.en};
  return c;
}

// ---------------------------------------------------------------- rule 3

// The names an organization or company goes by: its titles and the names
// its source lists in attrs.names (ROR's Japanese names and aliases, the
// USPTO assignee names as written).  A listed name must give a key of at
// least 5 bytes: short acronyms ("JT", "NCC") name many things.
std::vector<std::string> OrganizationNames(const Record& r) {
  std::vector<std::string> out{r.title.ja, r.title.en};
  if (r.attrs_json.find("\"names\"") == std::string::npos) return out;
  rapidjson::Document attrs;
  attrs.Parse(r.attrs_json.c_str(), r.attrs_json.size());
  if (!attrs.IsObject() || !attrs.HasMember("names") || !attrs["names"].IsArray()) return out;
  for (const auto& n : attrs["names"].GetArray()) {
    if (n.IsString() && OrganizationKey(n.GetString()).size() >= 5) out.push_back(n.GetString());
  }
  return out;
}

void Resolver::Organizations(std::vector<Merge>* out) {
  static const std::string kNamePrefix = "organization:name:";
  std::map<std::string, std::vector<std::string>> by_key;  // name key -> ids
  for (const char* type_prefix : {"organization:", "company:"}) {
    for (const std::string& id : IdsWithPrefix(type_prefix)) {
      std::vector<std::string> keys;
      if (StartsWith(id, kNamePrefix)) {
        keys.push_back(id.substr(kNamePrefix.size()));
      }
      if (const Record* r = Find(id)) {
        for (const std::string& name : OrganizationNames(*r)) keys.push_back(OrganizationKey(name));
      }
      // A one-byte key ("a") names nothing in particular.
      for (const auto& k : keys) {
        if (k.size() >= 2) AddUnique(&by_key[k], id);
      }
    }
  }
  for (const auto& [key, ids] : by_key) {
    if (ids.size() < 2) continue;
    if (ids.size() > options_.max_group) {
      ++stats_->large_groups;
      continue;
    }
    for (size_t i = 0; i < ids.size(); ++i) {
      for (size_t j = i + 1; j < ids.size(); ++j) {
        const Record* a = Find(ids[i]);
        const Record* b = Find(ids[j]);
        if (a != nullptr && b != nullptr) Propose(*a, *b, Evidence{"name", key, {}, {}, {}}, out);
      }
    }
  }
}

// ---------------------------------------------------------------- rule 4

// The record's titles (ja, en), normalised, without duplicates.
std::vector<std::string> NormalisedTitles(const Record& r) {
  std::vector<std::string> out;
  for (const std::string* t : {&r.title.ja, &r.title.en}) {
    std::string n = NormaliseName(*t);
    if (!n.empty()) AddUnique(&out, n);
  }
  return out;
}

// A title of `r` that `other` knows as one of its names (title, reading,
// synonyms), normalised; "" when none.
std::string TitleNamedBy(const Record& r, const Record& other) {
  std::vector<std::string> names = NormalisedTitles(other);
  for (const std::string& n : ConceptNames(other)) AddUnique(&names, NormaliseName(n));
  for (const std::string& t : NormalisedTitles(r)) {
    if (std::find(names.begin(), names.end(), t) != names.end()) return t;
  }
  return "";
}

// The names that make two records one: a shared title, or each one's title
// among the other's names (オスラー病, which lists 遺伝性出血性末梢血管拡張症 as a
// synonym, and 遺伝性出血性末梢血管拡張症, which lists オスラー病).  Empty when
// neither.  One-way naming is not enough: a subtype lists its parent's name.
std::vector<std::string> SharedNames(const Record& a, const Record& b) {
  const std::vector<std::string> tb = NormalisedTitles(b);
  for (const std::string& t : NormalisedTitles(a)) {
    if (std::find(tb.begin(), tb.end(), t) != tb.end()) return {t};
  }
  std::string ab = TitleNamedBy(a, b), ba = TitleNamedBy(b, a);
  if (ab.empty() || ba.empty()) return {};
  return {ab, ba};
}

// Records sharing a classification code and a name (SharedNames): the same
// disease as a 指定難病 class and a 小児慢性特定疾病 class, one of them often a
// group class without a description.  A code alone, or a name alone, never
// links.
void Resolver::Classified(std::vector<Merge>* out) {
  for (const char* scheme : kClassSchemes) {
    const std::string term_prefix = std::string(prefix::kIdentifier) + scheme + ":";
    for (auto t = db_->allterms_begin(term_prefix); t != db_->allterms_end(term_prefix); ++t) {
      if (t.get_termfreq() < 2) continue;
      if (t.get_termfreq() > options_.max_group) {
        ++stats_->large_groups;
        continue;
      }
      std::vector<const Record*> records;
      for (auto p = db_->postlist_begin(*t); p != db_->postlist_end(*t); ++p) {
        const Record* r = AtDoc(*p);
        if (r != nullptr && r->identifiers.count(scheme)) records.push_back(r);
      }
      for (size_t i = 0; i < records.size(); ++i) {
        for (size_t j = i + 1; j < records.size(); ++j) {
          const Record& a = *records[i];
          const Record& b = *records[j];
          std::vector<std::string> names = SharedNames(a, b);
          if (names.empty()) continue;
          Evidence e{std::string(scheme) + "+name", a.identifiers.at(scheme), std::move(names), {}, {}};
          Propose(a, b, std::move(e), out);
        }
      }
    }
  }
}

// ---------------------------------------------------------------- rule 5

namespace {

// Name keys of which one is the other's first words ("dusa" and
// "dusa-pharmaceutical"), the shorter of at least 3 bytes.
bool KeyExtends(const std::string& a, const std::string& b) {
  const std::string& s = a.size() <= b.size() ? a : b;
  const std::string& l = a.size() <= b.size() ? b : a;
  return s.size() >= 3 && s != l && l.compare(0, s.size(), s) == 0 && l[s.size()] == '-';
}

std::vector<std::string> NameKeys(const Record& r) {
  std::vector<std::string> out;
  for (const std::string& n : OrganizationNames(r)) {
    const std::string k = OrganizationKey(n);
    if (!k.empty()) AddUnique(&out, k);
  }
  return out;
}

}  // namespace

// A drug's marketer (an FDA sponsor, often abbreviated: "DUSA") and an
// applicant of a patent the drug is protected by ("DUSA Pharmaceuticals,
// Inc."), when one name is the other's first words.
void Resolver::Marketers(std::vector<Merge>* out) {
  std::set<std::pair<std::string, std::string>> proposed;  // each pair once, with its first drug and patent
  for (const std::string& drug_id : IdsWithPrefix("drug:")) {
    const Record* drug = Find(drug_id);
    if (drug == nullptr) continue;
    for (const Link& ml : drug->links) {
      const Record* m = ml.rel == "marketed_by" ? Find(ml.to) : nullptr;
      if (m == nullptr || m->type != "company") continue;
      const int rank = RankOf(m->visibility);
      // Evidence never names a record less visible than the one carrying it.
      if (!VisibleTo(drug_id, rank)) continue;
      const std::vector<std::string> marketer_keys = NameKeys(*m);
      for (const Link& pl : drug->links) {
        const Record* patent = pl.rel == "protected_by" ? Find(pl.to) : nullptr;  // records stay put in Find
        if (patent == nullptr || !VisibleTo(pl.to, rank)) continue;
        for (const Link& al : patent->links) {
          const Record* a = al.rel == "applicant" && al.to != ml.to ? Find(al.to) : nullptr;
          if (a == nullptr || a->type != "company" || proposed.count({m->id, a->id})) continue;
          for (const std::string& ak : NameKeys(*a)) {
            const auto mk = std::find_if(marketer_keys.begin(), marketer_keys.end(),
                                         [&ak](const std::string& k) { return KeyExtends(k, ak); });
            if (mk == marketer_keys.end()) continue;
            proposed.insert({m->id, a->id});
            Propose(*m, *a, Evidence{"name+patent", *mk + " " + ak, {}, {drug_id, pl.to}, {}}, out);
            break;
          }
        }
      }
    }
  }
}

// ---------------------------------------------------------------- writing

Record* Resolver::Editable(const std::string& id) {
  auto it = edits_.find(id);
  if (it != edits_.end()) return &it->second;
  const Record* r = Find(id);
  return r == nullptr ? nullptr : &edits_.emplace(id, *r).first->second;
}

Status Resolver::Apply(const std::vector<Merge>& merges, Indexer* indexer) {
  std::set<std::pair<std::string, std::string>> counted;  // (pair, kind) counted once
  std::set<std::string> dirty;
  for (const Merge& m : merges) {
    const Evidence& e = m.evidence;
    std::string kind = m.type_class + " by " + e.by;
    auto pair = std::minmax(m.a, m.b);
    if (!counted.insert({pair.first + "\n" + pair.second, kind}).second) continue;
    ++stats_->merges[kind];
    if (options_.log != nullptr) *options_.log << m.a << " <-> " << m.b << "  by " << e.by << " " << e.value << "\n";
    for (const auto& [self, other] : {std::pair(m.a, m.b), std::pair(m.b, m.a)}) {
      Record* r = Editable(self);
      if (r == nullptr) continue;
      if (!HasLink(*r, "same_as", other)) {
        AddLink(r, "same_as", other);
        ++stats_->new_links;
        dirty.insert(self);
      }
      if (AddEvidence(r, other, e)) {
        ++stats_->new_evidence;
        dirty.insert(self);
      }
    }
  }
  stats_->records_updated = dirty.size();
  if (indexer == nullptr) return Status::Ok();
  for (const std::string& id : dirty) {
    Record& r = edits_.at(id);
    Status st = ValidateRecord(&r);
    if (!st.ok()) return Status::Internal("resolve made an invalid record " + id + ": " + st.message());
    st = indexer->Add(r);
    if (!st.ok()) return st;
  }
  return indexer->Commit();
}

}  // namespace

Result<ResolveStats> Resolve(const ResolveOptions& options) {
  Xapian::Database db;
  try {
    // Opened read-only first: Indexer::Open would create a missing index.
    db = Xapian::Database(options.db_path);
  } catch (const Xapian::Error& e) {
    return Status::IOError("cannot open index " + options.db_path + ": " + e.get_description());
  }
  std::unique_ptr<Indexer> indexer;
  if (!options.dry_run) {
    IndexerOptions io;
    io.db_path = options.db_path;
    auto opened = Indexer::Open(io);
    if (!opened.ok()) return opened.status();
    indexer = std::move(opened.value());
  }
  ResolveStats stats;
  try {
    // Now that we hold the write lock, read the latest revision: no other
    // writer can change it under the plan.
    db.reopen();
    Resolver resolver(&db, options, &stats);
    std::vector<Merge> merges;
    resolver.Identifiers(&merges);
    resolver.People(&merges);
    resolver.Organizations(&merges);
    resolver.Classified(&merges);
    resolver.Marketers(&merges);
    Status st = resolver.Apply(merges, indexer.get());
    if (!st.ok()) return st;
  } catch (const Xapian::Error& e) {
    return Status::IOError("resolve failed on " + options.db_path + ": " + e.get_description());
  }
  return stats;
}

}  // namespace seedgraph
