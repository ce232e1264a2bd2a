#include "indexer/tagger.h"

#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <algorithm>
#include <fstream>

#include "schema/json_parse.h"
#include "schema/vocab.h"

namespace seedgraph {
namespace {

constexpr const char* kFields[2] = {"disease_areas", "modalities"};

const Vocabulary& FieldVocab(int field) { return field == 0 ? DiseaseAreas() : Modalities(); }

// One code point of `s` at byte `*i` (advanced past it).  The text comes out
// of ICU normalisation, so it is valid UTF-8; a stray byte is passed through
// as itself rather than stopping the scan.
uint32_t NextCodePoint(std::string_view s, size_t* i) {
  unsigned char c = static_cast<unsigned char>(s[*i]);
  int len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
  if (*i + len > s.size()) len = 1;
  uint32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
  for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[*i + k]) & 0x3F);
  *i += len;
  return cp;
}

// The pair filter's bit for two code points.
uint32_t PairBit(uint32_t a, uint32_t b) { return (a * 0x9E3779B1u ^ b * 0x85EBCA77u) >> 16; }

// Han, kana (with ー), 々 〆: the scripts written without spaces.
bool IsCjk(uint32_t cp) {
  return (cp >= 0x3040 && cp <= 0x30FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         cp == 0x3005 || cp == 0x3006 || (cp >= 0x31F0 && cp <= 0x31FF) || cp >= 0x20000;
}

// Letters and digits of the space-separated scripts (after case folding).
bool IsWordChar(uint32_t cp) {
  if (cp < 0x80) return (cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z');
  return (cp >= 0xC0 && cp <= 0x24F && cp != 0xD7 && cp != 0xF7) || (cp >= 0x370 && cp <= 0x4FF);
}

// A plural fold that only drops a suffix, so words stay views into the text:
// tumors -> tumor, viruses -> virus, antibodies/antibody -> antibod.  Applied
// to dictionary and text alike, so it only has to be consistent, not English.
std::string_view FoldWord(std::string_view w) {
  auto ends = [&](std::string_view s) {
    return w.size() >= s.size() && w.compare(w.size() - s.size(), s.size(), s) == 0;
  };
  if (w.size() > 4 && ends("ies")) return w.substr(0, w.size() - 3);
  if (w.size() > 4 && ends("y")) return w.substr(0, w.size() - 1);
  if (w.size() > 4 && (ends("uses") || ends("sses") || ends("xes") || ends("ches") || ends("shes")))
    return w.substr(0, w.size() - 2);
  if (w.size() > 3 && ends("s") && !ends("ss") && !ends("us") && !ends("is"))
    return w.substr(0, w.size() - 1);
  return w;
}

// The folded words of `text`, in order.
std::vector<std::string_view> Words(std::string_view text) {
  std::vector<std::string_view> words;
  size_t i = 0, start = std::string_view::npos;
  while (i < text.size()) {
    size_t at = i;
    bool word = IsWordChar(NextCodePoint(text, &i));
    if (word && start == std::string_view::npos) start = at;
    if (!word && start != std::string_view::npos) {
      words.push_back(FoldWord(text.substr(start, at - start)));
      start = std::string_view::npos;
    }
  }
  if (start != std::string_view::npos) words.push_back(FoldWord(text.substr(start)));
  return words;
}

std::vector<std::string_view> SplitTabs(std::string_view line) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (true) {
    size_t tab = line.find('\t', pos);
    parts.push_back(line.substr(pos, tab == std::string_view::npos ? std::string_view::npos : tab - pos));
    if (tab == std::string_view::npos) return parts;
    pos = tab + 1;
  }
}

std::string Trim(std::string s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

// `s` cut to at most `n` bytes, never inside a UTF-8 sequence.
std::string_view Prefix(std::string_view s, size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// attrs.derived_tags = tags (replacing an older list); the rest of attrs is
// kept as given.  Leaves attrs alone if it is not a JSON object.
void WriteDerivedTags(const std::vector<DerivedTag>& tags, std::string* attrs_json) {
  rapidjson::Document doc;
  if (attrs_json->empty()) {
    doc.SetObject();
  } else if (!ParseJson(*attrs_json, &doc).ok() || !doc.IsObject()) {
    return;
  }
  auto& alloc = doc.GetAllocator();
  rapidjson::Value list(rapidjson::kArrayType);
  for (const auto& t : tags) {
    rapidjson::Value item(rapidjson::kObjectType);
    item.AddMember("field", rapidjson::Value(t.field.c_str(), alloc), alloc);
    item.AddMember("code", rapidjson::Value(t.code.c_str(), alloc), alloc);
    item.AddMember("term", rapidjson::Value(t.term.c_str(), alloc), alloc);
    item.AddMember("source", rapidjson::Value(t.source.c_str(), alloc), alloc);
    list.PushBack(item, alloc);
  }
  doc.RemoveMember("derived_tags");
  doc.AddMember("derived_tags", list, alloc);
  rapidjson::StringBuffer out;
  rapidjson::Writer<rapidjson::StringBuffer> writer(out);
  doc.Accept(writer);
  attrs_json->assign(out.GetString(), out.GetSize());
}

}  // namespace

Result<Tagger> Tagger::Load(const std::string& tsv_path, const Analyzer& analyzer,
                            const TaggerOptions& options) {
  std::ifstream in(tsv_path);
  if (!in) return Status::IOError(tsv_path + ": cannot open tag dictionary");
  Tagger tagger;
  tagger.options_ = options;
  std::string line;
  for (size_t line_no = 1; std::getline(in, line); ++line_no) {
    if (line.empty() || line[0] == '#' || line == "\r") continue;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    auto where = tsv_path + ":" + std::to_string(line_no) + ": ";
    auto parts = SplitTabs(line);
    if (parts.size() != 4) return Status::InvalidArgument(where + "expected term, field, code, source");
    Entry e;
    e.term = std::string(parts[0]);
    e.norm = Trim(analyzer.Normalize(parts[0]));
    e.source = std::string(parts[3]);
    if (parts[1] != kFields[0] && parts[1] != kFields[1])
      return Status::InvalidArgument(where + "field must be disease_areas or modalities");
    e.field = parts[1] == kFields[0] ? 0 : 1;
    const auto& vocab = FieldVocab(e.field);
    const VocabEntry* code = vocab.Find(parts[2]);
    if (code == nullptr)
      return Status::InvalidArgument(where + "unknown " + kFields[e.field] + " code '" +
                                     std::string(parts[2]) + "' (allowed: " + vocab.CodeList() + ")");
    e.code = static_cast<uint8_t>(code - vocab.entries.data());
    if (e.norm.empty()) return Status::InvalidArgument(where + "empty term");
    Status st = tagger.AddEntry(std::move(e));
    if (!st.ok()) return Status::InvalidArgument(where + st.message());
  }
  return tagger;
}

Status Tagger::AddEntry(Entry e) {
  auto id = static_cast<uint32_t>(entries_.size());
  std::vector<uint32_t> cps;
  bool cjk = false;
  for (size_t i = 0; i < e.norm.size();) {
    cps.push_back(NextCodePoint(e.norm, &i));
    cjk = cjk || IsCjk(cps.back());
  }
  if (cjk) {
    e.ends_word = IsWordChar(cps.back());
    if (cps.size() == 1) {
      by_char_[cps[0]].push_back(id);
    } else {
      by_pair_[(uint64_t{cps[0]} << 32) | cps[1]].push_back(id);
      uint32_t bit = PairBit(cps[0], cps[1]);
      pair_filter_[bit >> 6] |= uint64_t{1} << (bit & 63);
    }
  } else {
    auto words = Words(e.norm);
    if (words.empty()) return Status::InvalidArgument("term has no letters or digits");
    std::string key;
    for (auto w : words) key.append(key.empty() ? "" : " ").append(w);
    by_words_[key].push_back(id);
    first_words_.insert(std::string(words[0]));
    max_words_ = std::max(max_words_, words.size());
  }
  entries_.push_back(std::move(e));
  return Status::Ok();
}

void Tagger::MatchSubstrings(std::string_view text, std::vector<uint32_t>* hits) const {
  struct Cp {
    uint32_t cp;
    uint32_t offset;
  };
  std::vector<Cp> cps;
  cps.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto at = static_cast<uint32_t>(i);
    cps.push_back({NextCodePoint(text, &i), at});
  }
  // A term's Latin edge must not continue a word of the text: "ips細胞" is
  // not inside "chips細胞".
  auto word_at = [&](size_t k) { return k < cps.size() && IsWordChar(cps[k].cp); };
  auto try_list = [&](const std::vector<uint32_t>& ids, size_t k) {
    for (uint32_t id : ids) {
      const std::string& t = entries_[id].norm;
      if (text.compare(cps[k].offset, t.size(), t) != 0) continue;
      if (IsWordChar(cps[k].cp) && k > 0 && word_at(k - 1)) continue;
      if (entries_[id].ends_word) {
        size_t end = k, bytes = cps[k].offset + t.size();
        while (end < cps.size() && cps[end].offset < bytes) ++end;
        if (word_at(end)) continue;
      }
      hits->push_back(id);
    }
  };
  for (size_t k = 0; k < cps.size(); ++k) {
    uint32_t bit = k + 1 < cps.size() ? PairBit(cps[k].cp, cps[k + 1].cp) : 0;
    if (k + 1 < cps.size() && (pair_filter_[bit >> 6] >> (bit & 63) & 1) != 0) {
      auto it = by_pair_.find((uint64_t{cps[k].cp} << 32) | cps[k + 1].cp);
      if (it != by_pair_.end()) try_list(it->second, k);
    }
    if (!by_char_.empty() && IsCjk(cps[k].cp)) {
      auto it = by_char_.find(cps[k].cp);
      if (it != by_char_.end()) try_list(it->second, k);
    }
  }
}

void Tagger::MatchWords(std::string_view text, std::vector<uint32_t>* hits) const {
  auto words = Words(text);
  std::string key;  // reused: the n-gram lookups allocate only when it grows
  for (size_t i = 0; i < words.size(); ++i) {
    key.assign(words[i]);
    if (first_words_.count(key) == 0) continue;
    for (size_t n = 1; n <= max_words_ && i + n <= words.size(); ++n) {
      if (n > 1) key.append(" ").append(words[i + n - 1]);
      auto it = by_words_.find(key);
      if (it != by_words_.end()) hits->insert(hits->end(), it->second.begin(), it->second.end());
    }
  }
}

std::vector<DerivedTag> Tagger::Match(std::string_view normalized) const {
  std::vector<uint32_t> hits;
  MatchSubstrings(normalized, &hits);
  MatchWords(normalized, &hits);
  // Per (field, code) the longest term: 肺癌 says more than 癌.
  constexpr int kSlots = 32;
  int best[2][kSlots];
  std::fill(&best[0][0], &best[0][0] + 2 * kSlots, -1);
  for (uint32_t id : hits) {
    const Entry& e = entries_[id];
    if (e.code >= kSlots) continue;
    int& b = best[e.field][e.code];
    if (b < 0 || entries_[b].norm.size() < e.norm.size()) b = static_cast<int>(id);
  }
  std::vector<DerivedTag> tags;
  for (int f = 0; f < 2; ++f) {
    for (int c = 0; c < kSlots; ++c) {
      if (best[f][c] < 0) continue;
      const Entry& e = entries_[best[f][c]];
      tags.push_back({kFields[f], FieldVocab(f).entries[c].code, e.term, e.source});
    }
  }
  return tags;
}

size_t Tagger::Tag(Record* record, const Analyzer& analyzer) const {
  const auto& skip = options_.skip_types;
  if (std::find(skip.begin(), skip.end(), record->type) != skip.end()) return 0;
  const auto& area_only = options_.area_only_types;
  bool need[2] = {record->disease_areas.empty(),
                  record->modalities.empty() &&
                      std::find(area_only.begin(), area_only.end(), record->type) == area_only.end()};
  if (!need[0] && !need[1]) return 0;
  // Newlines keep one field's end from running into the next's start.
  std::string text;
  for (std::string_view part : {std::string_view(record->title.ja), std::string_view(record->title.en)})
    text.append(part).append("\n");
  for (const auto& k : record->keywords) text.append(k).append("\n");
  text.append(Prefix(record->text.ja, options_.text_bytes)).append("\n");
  text.append(Prefix(record->text.en, options_.text_bytes));
  std::vector<DerivedTag> kept;
  for (auto& tag : Match(analyzer.Normalize(text))) {
    bool da = tag.field == kFields[0];
    if (!need[da ? 0 : 1]) continue;
    (da ? record->disease_areas : record->modalities).push_back(tag.code);
    kept.push_back(std::move(tag));
  }
  if (!kept.empty()) WriteDerivedTags(kept, &record->attrs_json);
  return kept.size();
}

}  // namespace seedgraph
