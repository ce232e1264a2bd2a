// See variants.h.  The table is small and checked by tests/variants_test.cpp.
#include "schema/variants.h"

#include <algorithm>
#include <set>

namespace seedgraph {
namespace {

// Interchangeable spellings; the first member of a group is canonical.
// Longer members first inside the kana groups (ヴァ before ヴ) so that the
// canonical form of ヴァ is バ and not ブァ.
struct VariantGroup {
  std::vector<std::string_view> members;
};

const std::vector<VariantGroup>& Groups() {
  static const std::vector<VariantGroup> groups = {
      // Kanji / kana spellings of medical words (常用漢字 vs 表外字).
      {{"がん", "癌", "ガン"}},
      {{"まひ", "麻痺", "マヒ"}},
      {{"てんかん", "癲癇"}},
      {{"けいれん", "痙攣"}},
      {{"ぜんそく", "喘息"}},
      {{"たんぱく", "蛋白", "タンパク"}},
      {{"こうしゅく", "拘縮"}},
      // Kanji variants (異体字) found in disease names.
      {{"頚", "頸"}},
      {{"靱", "靭"}},
      {{"弯", "彎"}},
      {{"剥", "剝"}},
      {{"萎", "委"}},  // 萎縮 is often typed 委縮
      // ヴ-row katakana: loanwords are written both ways.
      {{"バ", "ヴァ"}},
      {{"ビ", "ヴィ"}},
      {{"ベ", "ヴェ"}},
      {{"ボ", "ヴォ"}},
      {{"ブ", "ヴ"}},
      // Small vs large kana in loanwords (ウィルス / ウイルス).
      {{"イ", "ィ"}},
      {{"エ", "ェ"}},
      {{"ア", "ァ"}},
      {{"オ", "ォ"}},
      {{"ウ", "ゥ"}},
  };
  return groups;
}

// UTF-8 code point at s[i] (3-byte sequences only matter here; anything
// else is returned as -1 with its length so it is copied through).
int DecodeKana(std::string_view s, size_t i, size_t* len) {
  unsigned char b = static_cast<unsigned char>(s[i]);
  if (b < 0x80) { *len = 1; return -1; }
  if ((b & 0xE0) == 0xC0) { *len = 2; return -1; }
  if ((b & 0xF8) == 0xF0) { *len = 4; return -1; }
  if ((b & 0xF0) != 0xE0 || i + 2 >= s.size()) { *len = 1; return -1; }
  *len = 3;
  return ((b & 0x0F) << 12) | ((s[i + 1] & 0x3F) << 6) | (s[i + 2] & 0x3F);
}

void Encode3(int cp, std::string* out) {
  out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
  out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
  out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
}

bool IsHiragana(int cp) { return cp >= 0x3041 && cp <= 0x3096; }
bool IsKatakana(int cp) { return cp >= 0x30A1 && cp <= 0x30F6; }

// Hiragana -> katakana (to_katakana) or katakana -> hiragana; the rest as is.
// Both blocks are aligned, 0x60 apart.
std::string ShiftKana(std::string_view s, bool to_katakana) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    size_t len = 1;
    int cp = DecodeKana(s, i, &len);
    if (to_katakana && IsHiragana(cp)) {
      Encode3(cp + 0x60, &out);
    } else if (!to_katakana && IsKatakana(cp) && IsHiragana(cp - 0x60)) {
      Encode3(cp - 0x60, &out);
    } else {
      out.append(s.substr(i, len));
    }
    i += len;
  }
  return out;
}

std::string ReplaceAll(std::string_view s, std::string_view from, std::string_view to) {
  std::string out;
  size_t start = 0;
  for (size_t at = s.find(from); at != std::string_view::npos; at = s.find(from, start)) {
    out.append(s.substr(start, at - start)).append(to);
    start = at + from.size();
  }
  out.append(s.substr(start));
  return out;
}

std::vector<size_t> Occurrences(std::string_view s, std::string_view what) {
  std::vector<size_t> at;
  for (size_t p = s.find(what); p != std::string_view::npos; p = s.find(what, p + what.size())) at.push_back(p);
  return at;
}

// Drops ー where a katakana word ends (before a non-katakana char or the
// end): コンピューター -> コンピュータ, the JIS Z 8301 style spelling.
std::string DropFinalLongVowels(std::string_view s) {
  static constexpr std::string_view kChoon = "ー";
  std::string out;
  for (size_t i = 0; i < s.size();) {
    if (s.compare(i, kChoon.size(), kChoon) == 0) {
      size_t next = i + kChoon.size();
      size_t len = 1;
      int cp = next < s.size() ? DecodeKana(s, next, &len) : -1;
      bool prev_kata = false;
      if (i >= 3) {
        size_t plen = 1;
        prev_kata = IsKatakana(DecodeKana(s, i - 3, &plen));
      }
      if (prev_kata && !IsKatakana(cp) && cp != 0x30FC) {
        i = next;
        continue;
      }
    }
    out.push_back(s[i]);
    ++i;
  }
  return out;
}

// Adds `v` when it is new; false once `max` is reached.
bool AddVariant(std::string v, std::string_view run, size_t max, std::set<std::string>* seen,
                std::vector<std::string>* out) {
  if (out->size() >= max) return false;
  if (v != run && seen->insert(v).second) out->push_back(std::move(v));
  return out->size() < max;
}

}  // namespace

std::vector<std::string> OrthographicVariants(std::string_view run, size_t max) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  // Whole-run script changes first: a reading typed in the other kana is
  // the most common "variant" of all.
  if (!AddVariant(ShiftKana(run, false), run, max, &seen, &out)) return out;
  if (!AddVariant(ShiftKana(run, true), run, max, &seen, &out)) return out;
  if (!AddVariant(DropFinalLongVowels(run), run, max, &seen, &out)) return out;
  for (const auto& group : Groups()) {
    for (std::string_view from : group.members) {
      const std::vector<size_t> at = Occurrences(run, from);
      if (at.empty()) continue;
      for (std::string_view to : group.members) {
        if (to == from) continue;
        if (!AddVariant(ReplaceAll(run, from, to), run, max, &seen, &out)) return out;
        if (at.size() < 2) continue;
        for (size_t p : at) {
          std::string one(run);
          one.replace(p, from.size(), to);
          if (!AddVariant(std::move(one), run, max, &seen, &out)) return out;
        }
      }
    }
  }
  return out;
}

std::string CanonicalForm(std::string_view run) {
  std::string s(run);
  for (const auto& group : Groups()) {
    for (size_t i = 1; i < group.members.size(); ++i) s = ReplaceAll(s, group.members[i], group.members[0]);
  }
  // Katakana to hiragana last: the groups above also hold katakana forms.
  return ShiftKana(s, false);
}

std::string ConceptKey(const std::vector<Segment>& segments, size_t begin, size_t end) {
  std::string key;
  for (size_t i = begin; i < end && i < segments.size(); ++i) {
    const Segment& seg = segments[i];
    key += seg.kind == SegmentKind::kWord ? seg.stem : CanonicalForm(seg.text);
  }
  return key;
}

std::string ConceptKey(const Analyzer& analyzer, std::string_view name) {
  const std::vector<Segment> segments = analyzer.Analyze(name);
  return ConceptKey(segments, 0, segments.size());
}

}  // namespace seedgraph
