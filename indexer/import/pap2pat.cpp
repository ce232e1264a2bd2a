// Pap2Pat (boschresearch, CC-BY 4.0) paper-patent pairs -> paper, patent and
// person records.
//
// Each line of pairs_dev.jsonl is one pair: a paper (SemOpenAlex work) and a
// US patent application describing the same invention.  The paper becomes
// `paper:openalex:<W-id>`, the patent `patent:<publication number>`, every
// author and inventor `person:name:<normalised name>` (names.h), linked with
// `author` / `inventor`.  Because authors and inventors go through the same
// normaliser, a paper and its patent share person records wherever the
// names agree ("Kenneth W. Kinzler" = "Kenneth Kinzler").
//
// The pairing itself is kept only as attrs.pap2pat_pair on both records, not
// as a link: the pairs are the ground truth a later evaluation uses to check
// that the graph finds paper-patent matches by itself (shared people, text).
//
// The dataset carries no assignees, so there are no `applicant` links.
#include <cctype>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include <rapidjson/document.h>
#include <rapidjson/error/en.h>

#include "indexer/import/entities.h"
#include "indexer/import/importer.h"
#include "indexer/import/json_lines.h"
#include "indexer/import/names.h"
#include "schema/json_parse.h"
#include "schema/record_json.h"

namespace seedgraph {
namespace {

using Value = rapidjson::Value;

std::string Str(const Value& v, const char* key) {
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? CleanText(it->value.GetString()) : "";
}

std::vector<std::string> Names(const Value& v, const char* key) {
  std::vector<std::string> out;
  auto it = v.FindMember(key);
  if (it == v.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& n : it->value.GetArray()) {
    if (n.IsString()) AddUnique(&out, CleanText(n.GetString()));
  }
  return out;
}

// "https://semopenalex.org/work/W1607051768" -> "W1607051768"; "" if not a W-id.
std::string WorkId(const std::string& uri) {
  std::string id = uri.substr(uri.find_last_of('/') == std::string::npos ? 0 : uri.find_last_of('/') + 1);
  if (id.size() < 2 || id[0] != 'W' || id.find_first_not_of("0123456789", 1) != std::string::npos) return "";
  return id;
}

bool ValidPatentNumber(const std::string& s) {
  if (s.size() < 4 || s.size() > 32) return false;
  for (char c : s) {
    if (!std::isalnum(static_cast<unsigned char>(c))) return false;
  }
  return std::isalpha(static_cast<unsigned char>(s[0])) && std::isalpha(static_cast<unsigned char>(s[1]));
}

class Pap2patReader {
 public:
  explicit Pap2patReader(RecordSink* sink) : sink_(sink) {}
  void Line(const std::string& line, const std::string& where);

 private:
  // Person records for `names`, linked from *r with `rel`; returns the ids.
  std::vector<std::string> People(const std::vector<std::string>& names, const char* rel, Record* r);
  bool Paper(const Value& p, const std::string& pair, const std::string& patent_id, const std::string& where, Record* r);
  bool Patent(const Value& p, const std::string& pair, const std::string& paper_id, const std::string& where, Record* r);

  RecordSink* sink_;
  EmittedSet emitted_;
};

std::vector<std::string> Pap2patReader::People(const std::vector<std::string>& names, const char* rel, Record* r) {
  std::vector<std::string> ids;
  for (const auto& name : names) {
    std::string id = PersonId(name);
    if (id.empty()) continue;
    AddLink(r, rel, id);
    AddUnique(&ids, id);
    if (emitted_.FirstTime(id)) sink_->Accept(PersonRecord(id, name, "", {}, "Pap2Pat"));
  }
  return ids;
}

bool Pap2patReader::Paper(const Value& p, const std::string& pair, const std::string& patent_id,
                          const std::string& where, Record* r) {
  std::string work = WorkId(Str(p, "openalex_id"));
  if (work.empty()) {
    sink_->Reject(where, "paper.openalex_id: expected a SemOpenAlex work URI ending in W<digits>");
    return false;
  }
  r->id = "paper:openalex:" + work;
  r->type = "paper";
  r->title.en = Str(p, "title");
  if (r->title.en.empty()) r->title.en = work;
  r->text.en = Str(p, "abstract");
  std::string date = Str(p, "date").substr(0, 10);
  r->date = date;
  r->identifiers["openalex"] = work;
  std::vector<std::string> authors = Names(p, "authors");
  People(authors, "author", r);
  std::string pair_json = Attrs().Str("pair_id", pair).Str("patent", patent_id).Done();
  r->attrs_json = Attrs().Str("source", "Pap2Pat").Strs("authors", authors).Raw("pap2pat_pair", pair_json).Done();
  return true;
}

bool Pap2patReader::Patent(const Value& p, const std::string& pair, const std::string& paper_id,
                           const std::string& where, Record* r) {
  std::string number = Str(p, "id");
  if (!ValidPatentNumber(number)) {
    sink_->Reject(where, "patent.id: expected a publication number like US20150190503, got '" + number.substr(0, 40) + "'");
    return false;
  }
  r->id = "patent:" + number;
  r->type = "patent";
  r->title.en = Str(p, "title");
  if (r->title.en.empty()) r->title.en = number;
  std::string abstract = Str(p, "abstract"), claim = Str(p, "first_claim");
  r->text.en = abstract + (abstract.empty() || claim.empty() ? "" : "\n\n") + claim;
  r->date = Str(p, "application_date").substr(0, 10);
  r->identifiers["patent"] = number;
  std::vector<std::string> inventors = Names(p, "inventors");
  People(inventors, "inventor", r);
  std::string pair_json = Attrs().Str("pair_id", pair).Str("paper", paper_id).Done();
  Attrs a;
  a.Str("source", "Pap2Pat").Strs("inventors", inventors).Raw("pap2pat_pair", pair_json);
  auto claims = p.FindMember("num_claims");
  if (claims != p.MemberEnd() && claims->value.IsInt()) a.Int("num_claims", claims->value.GetInt());
  r->attrs_json = a.Done();
  return true;
}

void Pap2patReader::Line(const std::string& line, const std::string& where) {
  rapidjson::Document doc;
  if (!ParseJsonLineObject(line, where, "{pair_id, paper, patent}", sink_, &doc)) return;
  auto paper = doc.FindMember("paper"), patent = doc.FindMember("patent");
  bool has_paper = paper != doc.MemberEnd() && paper->value.IsObject();
  bool has_patent = patent != doc.MemberEnd() && patent->value.IsObject();
  if (!has_paper) sink_->Reject(where, "paper: expected an object");
  if (!has_patent) sink_->Reject(where, "patent: expected an object");
  std::string pair = Str(doc, "pair_id");
  std::string work = has_paper ? WorkId(Str(paper->value, "openalex_id")) : "";
  std::string number = has_patent ? Str(patent->value, "id") : "";
  std::string paper_id = work.empty() ? "" : "paper:openalex:" + work;
  std::string patent_id = ValidPatentNumber(number) ? "patent:" + number : "";
  Record p, q;
  if (has_paper && Paper(paper->value, pair, patent_id, where, &p)) sink_->Accept(std::move(p));
  if (has_patent && Patent(patent->value, pair, paper_id, where, &q)) sink_->Accept(std::move(q));
}

}  // namespace

Status ImportPap2pat(const std::vector<std::string>& files, RecordSink* sink) {
  Pap2patReader reader(sink);
  return ForEachJsonLine(files, [&reader](const std::string& line, const std::string& where) { reader.Line(line, where); });
}

}  // namespace seedgraph
