#include "indexer/lexicon.h"

#include <xapian.h>

#include <cstdio>
#include <fstream>
#include <map>

#include "schema/hash.h"
#include "schema/variants.h"

namespace seedgraph {
namespace {

constexpr char kMetadataKey[] = "seedgraph.lexicon";
// As for record names (synonyms.cpp): longer entries are sentences.
constexpr size_t kMaxTermBytes = 200;

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  for (;;) {
    const size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

// Every (key, tag) and (tag, name) pair the lexicon puts in the table.
std::vector<std::pair<std::string, std::string>> Entries(const std::string& tag,
                                                         const std::vector<std::string>& terms,
                                                         const Analyzer& analyzer) {
  std::vector<std::pair<std::string, std::string>> out;
  for (const std::string& term : terms) {
    const std::string key = ConceptKey(analyzer, term);
    // As written: its case tells an acronym (ALS) from a word (cancer).
    if (key.empty() || key.size() > kMaxTermBytes || term.size() > kMaxTermBytes) continue;
    out.emplace_back(key, tag);
    out.emplace_back(tag, term);
  }
  return out;
}

// Takes out every lexicon concept: its tag's names give the keys.
void RemoveAll(const Analyzer& analyzer, Xapian::WritableDatabase* db) {
  std::vector<std::string> tags;
  for (auto k = db->synonym_keys_begin("@"); k != db->synonym_keys_end("@"); ++k) tags.push_back(*k);
  for (const std::string& tag : tags) {
    std::vector<std::string> names;
    for (auto n = db->synonyms_begin(tag); n != db->synonyms_end(tag); ++n) names.push_back(*n);
    for (const auto& [term, synonym] : Entries(tag, names, analyzer)) db->remove_synonym(term, synonym);
    db->clear_synonyms(tag);
  }
}

}  // namespace

std::string LexiconTag(const std::string& concept_id) { return "@" + concept_id; }

Result<Lexicon> Lexicon::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot open");
  Lexicon lex;
  std::map<std::string, size_t> index;
  uint64_t hash = kFnvOffset;
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line[0] == '#') continue;
    const std::vector<std::string> cols = SplitTabs(line);
    const std::string where = path + ":" + std::to_string(line_no) + ": ";
    if (cols.size() != 4) return Status::InvalidArgument(where + "expected 4 tab-separated columns");
    if (cols[0].empty() || cols[2].empty()) return Status::InvalidArgument(where + "empty concept id or term");
    if (cols[1] != "ja" && cols[1] != "en") return Status::InvalidArgument(where + "lang must be ja or en");
    hash = Fnv1a64(line, hash);
    auto [it, added] = index.emplace(cols[0], lex.concepts_.size());
    if (added) lex.concepts_.push_back({cols[0], {}});
    lex.concepts_[it->second].terms.push_back(cols[2]);
  }
  if (in.bad()) return Status::IOError(path + ": read error");
  char hex[17];
  std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(hash));
  lex.digest_ = hex;
  return lex;
}

void WriteLexicon(const Lexicon& lexicon, const Analyzer& analyzer, Xapian::WritableDatabase* db) {
  if (db->get_metadata(kMetadataKey) == lexicon.digest()) return;
  RemoveAll(analyzer, db);
  for (const LexiconConcept& c : lexicon.concepts()) {
    const std::string tag = LexiconTag(c.id);
    if (tag.size() > kMaxTermBytes) continue;
    for (const auto& [term, synonym] : Entries(tag, c.terms, analyzer)) db->add_synonym(term, synonym);
  }
  db->set_metadata(kMetadataKey, lexicon.digest());
}

}  // namespace seedgraph
