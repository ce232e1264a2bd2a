#include "indexer/synonyms.h"

#include <rapidjson/document.h>
#include <xapian.h>

#include <set>

#include "schema/variants.h"

namespace seedgraph {
namespace {

// Xapian keys and values must stay under its term limit; names beyond this
// are sentences, not names.
constexpr size_t kMaxNameBytes = 200;
// Longer CJK runs of a title are phrases, useless as spelling targets.
constexpr size_t kMaxSpellingChars = 24;

void AddStrings(const rapidjson::Value& attrs, const char* key, std::vector<std::string>* out) {
  auto it = attrs.FindMember(key);
  if (it == attrs.MemberEnd()) return;
  if (it->value.IsString()) out->emplace_back(it->value.GetString(), it->value.GetStringLength());
  if (!it->value.IsArray()) return;
  for (const auto& v : it->value.GetArray()) {
    if (v.IsString()) out->emplace_back(v.GetString(), v.GetStringLength());
  }
}

bool HasLetter(const std::string& s) {
  for (char c : s) {
    if ((c >= 'a' && c <= 'z') || static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

void AddSpellings(const std::string& text, const Analyzer& analyzer, std::set<std::string>* words) {
  for (const Segment& seg : analyzer.Analyze(text)) {
    const size_t n = CharCount(seg.text);
    if (seg.kind == SegmentKind::kCjk ? (n >= 2 && n <= kMaxSpellingChars) : (n >= 3 && HasLetter(seg.text))) {
      words->insert(seg.text);
    }
  }
}

}  // namespace

std::vector<std::string> ConceptNames(const Record& r) {
  std::vector<std::string> names;
  if (r.type != "disease") return names;
  for (const std::string* t : {&r.title.ja, &r.title.en}) {
    if (!t->empty()) names.push_back(*t);
  }
  if (r.attrs_json.empty()) return names;
  rapidjson::Document attrs;
  attrs.Parse(r.attrs_json.c_str(), r.attrs_json.size());
  if (!attrs.IsObject()) return names;
  for (const char* key : {"reading", "synonyms_ja", "synonyms_en"}) AddStrings(attrs, key, &names);
  return names;
}

std::string ConceptTag(const std::string& record_id) { return "#" + record_id; }

namespace {

// What a record contributes: synonym pairs and spelling words.
struct Expansion {
  std::vector<std::pair<std::string, std::string>> synonyms;
  std::set<std::string> spellings;
};

Expansion ExpansionOf(const Record& r, const Analyzer& analyzer) {
  Expansion e;
  AddSpellings(r.title.ja, analyzer, &e.spellings);
  AddSpellings(r.title.en, analyzer, &e.spellings);
  const std::string tag = ConceptTag(r.id);
  for (const std::string& name : ConceptNames(r)) {
    const std::string key = ConceptKey(analyzer, name);
    const std::string normalized = analyzer.Normalize(name);
    if (key.empty() || key.size() > kMaxNameBytes || normalized.size() > kMaxNameBytes) continue;
    // The name as written (trimmed): the query side analyses it anyway, and
    // its case tells an acronym ("PD") from a word ("cancer").
    if (tag.size() <= kMaxNameBytes && name.size() <= kMaxNameBytes) {
      e.synonyms.emplace_back(key, tag);
      e.synonyms.emplace_back(tag, name);
    }
    AddSpellings(name, analyzer, &e.spellings);
  }
  return e;
}

}  // namespace

void ExpansionWriter::Add(const Record& r, const Analyzer& analyzer, Xapian::WritableDatabase* db) {
  const Expansion e = ExpansionOf(r, analyzer);
  for (const auto& [term, synonym] : e.synonyms) db->add_synonym(term, synonym);
  for (const std::string& w : e.spellings) ++pending_spellings_[w];
}

void ExpansionWriter::Remove(const Record& r, const Analyzer& analyzer, Xapian::WritableDatabase* db) {
  const Expansion e = ExpansionOf(r, analyzer);
  for (const auto& [term, synonym] : e.synonyms) db->remove_synonym(term, synonym);
  if (e.spellings.empty()) return;
  // A removal clamps at zero, so it cannot be summed with additions that are
  // still buffered: write those first, then remove in order.
  Flush(db);
  for (const std::string& w : e.spellings) db->remove_spelling(w);
}

void ExpansionWriter::Flush(Xapian::WritableDatabase* db) {
  // Entry by entry, so a retry after a Xapian error does not add twice.
  while (!pending_spellings_.empty()) {
    auto it = pending_spellings_.begin();
    if (it->second > 0) db->add_spelling(it->first, static_cast<Xapian::termcount>(it->second));
    pending_spellings_.erase(it);
  }
}

}  // namespace seedgraph
