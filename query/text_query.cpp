// Free text -> Xapian query, built from the shared analyzer's segments (never
// from Xapian's QueryParser, so any input is safe).  See query/text_query.h.
#include "query/text_query.h"

#include <algorithm>
#include <cstring>
#include <string_view>

#include "query/access.h"
#include "query/expand.h"
#include "schema/index_layout.h"
#include "schema/variants.h"

namespace seedgraph {
namespace {

// Title matches count double: a record *about* the query beats one that
// mentions it.
constexpr double kTitleWeight = 2.0;
// A query that is a record's whole name (title or keyword) puts it first.
constexpr double kExactNameWeight = 4.0;
// Single-character CJK queries expand to the terms starting with that
// character; the most frequent ones are kept to bound the work.
constexpr Xapian::termcount kMaxWildcardExpansion = 200;
// The text as typed counts more than its expansions (other names of a
// concept): a record that matches it literally gets this share on top.
constexpr double kLiteralBonus = 0.3;
// The query's words in order, adjacent / within a few positions.
constexpr double kPhraseWeight = 1.0;
constexpr double kNearWeight = 0.3;
constexpr Xapian::termcount kNearSlack = 6;
// Katakana words this short match whole katakana words only (as typed, and
// as the katakana variant of a kana query: ガン of がん); longer ones still
// match inside longer words (タケダヤクヒン in タケダヤクヒンコウギョウ).
constexpr size_t kShortKatakana = 3;
constexpr size_t kShortKatakanaVariant = 4;
// Words (units) of one query that are searched; the rest are ignored, which
// bounds the work of a 2 KB query of 300 short words.
constexpr size_t kMaxUnits = 32;
// Kana queries this long also match inside kana readings of names.
constexpr size_t kMinReadingQuery = 4;

// The terms of `db` that begin with `stem`, the kMaxWildcardExpansion most
// frequent (ties by term), as one synonym: what OP_WILDCARD with
// WILDCARD_LIMIT_MOST_FREQUENT means, decided over the whole combination.
Xapian::Query PrefixQuery(const Xapian::Database& db, const std::string& stem) {
  std::vector<std::pair<Xapian::doccount, std::string>> terms;
  for (auto t = db.allterms_begin(stem); t != db.allterms_end(stem); ++t) terms.emplace_back(t.get_termfreq(), *t);
  const auto more_frequent = [](const auto& a, const auto& b) {
    return a.first != b.first ? a.first > b.first : a.second < b.second;
  };
  if (terms.size() > kMaxWildcardExpansion) {
    std::partial_sort(terms.begin(), terms.begin() + kMaxWildcardExpansion, terms.end(), more_frequent);
    terms.resize(kMaxWildcardExpansion);
  }
  std::vector<Xapian::Query> q;
  q.reserve(terms.size());
  for (auto& t : terms) q.emplace_back(std::move(t.second));
  return Xapian::Query(Xapian::Query::OP_SYNONYM, q.begin(), q.end());
}

// The query for one CJK segment under a field prefix.
Xapian::Query CjkQuery(const Segment& seg, std::string_view field, const Xapian::Database* terms) {
  if (seg.grams.size() == 1 && seg.grams.front() == seg.text) {
    if (terms != nullptr) return PrefixQuery(*terms, TextTerm(field, seg.text));
    return Xapian::Query(Xapian::Query::OP_WILDCARD, TextTerm(field, seg.text), kMaxWildcardExpansion,
                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }
  if (seg.grams.size() == 1) return Xapian::Query(TextTerm(field, seg.grams.front()));
  auto phrase = [&seg](std::string_view f) {
    std::vector<Xapian::Query> grams;
    for (const auto& g : seg.grams) grams.emplace_back(TextTerm(f, g));
    return Xapian::Query(Xapian::Query::OP_PHRASE, grams.begin(), grams.end(), grams.size());
  };
  // Kana readings (index_layout.h, R) answer kana queries of 4+ characters.
  if (field == prefix::kText && CharCount(seg.text) >= kMinReadingQuery && IsKanaOnly(seg.text)) {
    return Xapian::Query(Xapian::Query::OP_OR, phrase(prefix::kText), phrase(prefix::kReading));
  }
  return phrase(field);
}

// A word as typed, or any word with its stem.  The index has Z<stem> only for
// words that differ from their stem (indexer.cpp AddWord), so the stem as a
// surface term stands for the words that are their own stem.
Xapian::Query WordQuery(const Segment& seg, std::string_view field) {
  std::vector<Xapian::Query> forms = {Xapian::Query(TextTerm(field, seg.text)), Xapian::Query(StemTerm(field, seg.stem))};
  if (seg.stem != seg.text) forms.emplace_back(TextTerm(field, seg.stem));
  return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
}

// Query building.  A unit is matched by any of its forms (the text as typed
// first, then the concept's other names), a form by all of its segments, a
// segment by any of its spellings (as typed, orthographic variants).
// Alternatives are Xapian synonyms: a record matching two spellings is not
// counted twice.
struct Spelling {
  std::vector<Segment> segs;  // all must match
  bool variant = false;       // an orthographic variant: katakana only as whole words
};
using Alternatives = std::vector<Spelling>;  // any one must match
using Form = std::vector<Alternatives>;      // one entry per segment
using Unit = std::vector<Form>;              // any one form must match

Xapian::Query Synonyms(const std::vector<Xapian::Query>& qs) {
  if (qs.size() == 1) return qs.front();
  return Xapian::Query(Xapian::Query::OP_SYNONYM, qs.begin(), qs.end());
}

// "ALS", "SMA", "iPS", "mRNA", "CAR" (of CAR-T): two capitals, or a capital
// after a small letter, in a run of 2-6 ASCII letters and digits.
bool LooksLikeAcronym(std::string_view token) {
  if (token.size() < 2 || token.size() > 6) return false;
  int upper = 0;
  bool lower_then_upper = false;
  for (size_t i = 0; i < token.size(); ++i) {
    const char c = token[i];
    if (c >= 'A' && c <= 'Z') {
      ++upper;
      if (i > 0 && token[i - 1] >= 'a' && token[i - 1] <= 'z') lower_then_upper = true;
    }
  }
  return upper >= 2 || lower_then_upper;
}

// Positions are kept for surface forms only (stems are not positional), so
// a name's words are matched in the forms English gives them: as written,
// the stem, plurals and possessives ("mesenchymal stem cell" finds "...
// stem cells", "Parkinson disease" finds "Parkinson’s Disease").
std::vector<std::string> SurfaceForms(const Segment& w) {
  std::vector<std::string> forms = {w.text, w.stem, w.text + "s", w.text + "es", w.stem + "s", w.stem + "es",
                                    w.text + "'s", w.text + "\u2019s"};
  if (w.text.size() > 2 && w.text.back() == 'y') forms.push_back(w.text.substr(0, w.text.size() - 1) + "ies");
  std::sort(forms.begin(), forms.end());
  forms.erase(std::unique(forms.begin(), forms.end()), forms.end());
  return forms;
}

// What query building needs besides the segments.
struct Context {
  const Analyzer& analyzer;
  const TextQueryOptions& options;
  std::vector<std::string> acronyms;  // normalized forms of the acronyms typed

  bool IsAcronym(const std::string& word) const {
    return std::find(acronyms.begin(), acronyms.end(), word) != acronyms.end();
  }
  bool Dropped(const std::string& name) const {
    const std::string n = analyzer.Normalize(name);
    for (const std::string& d : options.drop) {
      if (analyzer.Normalize(d) == n) return true;
    }
    return false;
  }

  Xapian::Query SegmentQuery(const Segment& seg, std::string_view field, bool variant) const {
    if (seg.kind == SegmentKind::kWord) {
      return IsAcronym(seg.text) ? Xapian::Query(TextTerm(field, seg.text)) : WordQuery(seg, field);
    }
    if (IsKatakanaWord(seg.text) && CharCount(seg.text) <= (variant ? kShortKatakanaVariant : kShortKatakana)) {
      return Xapian::Query(KanaTerm(field, seg.text));
    }
    return CjkQuery(seg, field, options.terms);
  }
  Xapian::Query SpellingQuery(const Spelling& sp, std::string_view field) const {
    std::vector<Xapian::Query> parts;
    for (const Segment& seg : sp.segs) parts.push_back(SegmentQuery(seg, field, sp.variant));
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }
  Xapian::Query FormQuery(const Form& form, std::string_view field) const {
    std::vector<Xapian::Query> parts;
    for (const Alternatives& alts : form) {
      std::vector<Xapian::Query> qs;
      for (const Spelling& sp : alts) qs.push_back(SpellingQuery(sp, field));
      parts.push_back(Synonyms(qs));
    }
    return Xapian::Query(Xapian::Query::OP_AND, parts.begin(), parts.end());
  }
  // An expansion that is several words ("gene therapy" for 遺伝子治療) is
  // a name: its words together (one word may come between, as "'s" does in
  // "Parkinson's disease"), not anywhere in the record.
  Xapian::Query ExpansionQuery(const Form& form, std::string_view field) const {
    std::vector<Segment> words;
    for (const Alternatives& alts : form) {
      if (alts.size() != 1 || alts[0].segs.size() != 1 || alts[0].segs[0].kind != SegmentKind::kWord) break;
      words.push_back(alts[0].segs[0]);
    }
    if (words.size() < 2 || words.size() != form.size()) return FormQuery(form, field);
    std::vector<Xapian::Query> terms;
    for (const Segment& w : words) {
      std::vector<Xapian::Query> forms;
      for (const std::string& s : SurfaceForms(w)) forms.emplace_back(TextTerm(field, s));
      terms.emplace_back(Xapian::Query::OP_OR, forms.begin(), forms.end());
    }
    return Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(),
                         static_cast<Xapian::termcount>(terms.size() + 1));
  }
  // Forms [begin, end) of a unit, in the text and (weighted) title fields;
  // form 0 is the text as typed, the others are expansions.  When the unit
  // names a concept (it has expansions), the typed words are that name too
  // ("gene therapy" typed: the words together, not gene … therapy apart).
  Xapian::Query FormsQuery(const Unit& unit, size_t begin, size_t end) const {
    std::vector<Xapian::Query> text, title;
    for (size_t i = begin; i < end; ++i) {
      const bool name = i > 0 || unit.size() > 1;
      text.push_back(name ? ExpansionQuery(unit[i], prefix::kText) : FormQuery(unit[i], prefix::kText));
      title.push_back(name ? ExpansionQuery(unit[i], prefix::kTitle) : FormQuery(unit[i], prefix::kTitle));
    }
    return Xapian::Query(Xapian::Query::OP_OR, Synonyms(text),
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, Synonyms(title), kTitleWeight));
  }
  // A unit matches through any form, all weighed as one Xapian synonym (a
  // record named by another name of the concept is as much about it); the
  // text as typed gets a bonus on top (LiteralBonus), so that expansions
  // weigh less.
  Xapian::Query UnitQuery(const Unit& unit) const { return FormsQuery(unit, 0, unit.size()); }
  Xapian::Query LiteralBonus(const Unit& unit) const {
    return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, FormsQuery(unit, 0, 1), kLiteralBonus);
  }
  // The positional terms of segments in order (a word: as typed or its
  // stem; CJK: its bigrams); empty when some segment has none.
  std::vector<Xapian::Query> PositionalTerms(const std::vector<Segment>& segs, std::string_view field) const {
    std::vector<Xapian::Query> terms;
    for (const Segment& seg : segs) {
      if (seg.kind == SegmentKind::kWord) {
        const bool both = seg.stem != seg.text && !IsAcronym(seg.text);
        terms.push_back(both ? Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(TextTerm(field, seg.text)),
                                             Xapian::Query(TextTerm(field, seg.stem)))
                             : Xapian::Query(TextTerm(field, seg.text)));
        continue;
      }
      // A one-character run is indexed without a position (its tail term).
      if (seg.grams.size() == 1 && seg.grams.front() == seg.text) return {};
      for (const auto& g : seg.grams) terms.emplace_back(TextTerm(field, g));
    }
    return terms;
  }
};

// A run of segments as a form: each segment with its spellings.
Form MakeForm(const std::vector<Segment>& segs, size_t begin, size_t end, const QueryExpander* expander) {
  Form form;
  for (size_t i = begin; i < end; ++i) {
    Alternatives alts = {Spelling{{segs[i]}, false}};
    if (expander != nullptr) {
      for (auto& v : expander->Variants(segs[i])) alts.push_back(Spelling{std::move(v), true});
    }
    form.push_back(std::move(alts));
  }
  return form;
}

std::string Label(const std::vector<Segment>& segs, size_t begin, size_t end) {
  std::string out;
  for (size_t i = begin; i < end; ++i) {
    if (!out.empty() && (segs[i].kind == SegmentKind::kWord || segs[i - 1].kind == SegmentKind::kWord)) out += ' ';
    out += segs[i].text;
  }
  return out;
}

struct Units {
  std::vector<Unit> units;
  std::vector<std::string> labels;
};

Units MakeUnits(const std::vector<Segment>& segs, const Context& ctx, std::vector<Expansion>* expansions) {
  Units out;
  const QueryExpander* expander = ctx.options.expander;
  for (size_t i = 0; i < segs.size();) {
    size_t end = i + 1;
    Unit unit;
    if (expander == nullptr) {
      unit.push_back(MakeForm(segs, i, end, nullptr));
    } else {
      QueryExpander::ConceptSpan span = expander->FindConcept(segs, i);
      end = span.end;
      unit.push_back(MakeForm(segs, i, end, expander));
      Expansion e;
      e.term = Label(segs, i, end);
      for (size_t k = 0; k < span.names.size(); ++k) {
        if (ctx.Dropped(span.names[k])) {
          e.dropped.push_back(span.names[k]);
          continue;
        }
        e.names.push_back(span.names[k]);
        unit.push_back(MakeForm(span.analysed[k], 0, span.analysed[k].size(), expander));
      }
      if (!e.names.empty() || !e.dropped.empty()) expansions->push_back(std::move(e));
    }
    out.labels.push_back(Label(segs, i, end));
    out.units.push_back(std::move(unit));
    i = end;
  }
  return out;
}

// The whole-name keys a one-unit query stands for: each form, and each
// spelling of a one-segment form ("ウイルソン病" also means the record
// named "ウィルソン病").
std::vector<std::string> WholeNameKeys(const std::vector<Unit>& units) {
  std::vector<std::string> keys;
  if (units.size() != 1) return keys;
  for (const Form& f : units.front()) {
    if (f.size() == 1) {
      for (const Spelling& sp : f.front()) {
        std::string k;
        for (const Segment& seg : sp.segs) k += seg.text;
        keys.push_back(k);
      }
      continue;
    }
    std::string k;
    for (const Alternatives& alts : f) {
      for (const Segment& seg : alts.front().segs) k += seg.text;
    }
    keys.push_back(k);
  }
  return keys;
}

// The pieces of a query: text outside quotes and "quoted phrases" (ASCII
// double quotes, “…” or 「…」); an unclosed quote is plain text.
std::vector<std::pair<std::string, bool>> SplitQuoted(const std::string& text) {
  std::vector<std::pair<std::string, bool>> pieces;
  std::string plain;
  for (size_t i = 0; i < text.size();) {
    const bool ascii = text[i] == '"';
    const bool curly = text.compare(i, 3, "\xE2\x80\x9C") == 0;  // “
    const bool kagi = text.compare(i, 3, "\xE3\x80\x8C") == 0;   // 「
    if (!ascii && !curly && !kagi) {
      plain += text[i++];
      continue;
    }
    const size_t open = ascii ? 1 : 3;
    const char* close = ascii ? "\"" : curly ? "\xE2\x80\x9D" : "\xE3\x80\x8D";
    const size_t end = text.find(close, i + open);
    if (end == std::string::npos) {
      plain += text.substr(i);
      break;
    }
    pieces.emplace_back(plain, false);
    plain.clear();
    pieces.emplace_back(text.substr(i + open, end - i - open), true);
    i = end + std::strlen(close);
  }
  pieces.emplace_back(plain, false);
  return pieces;
}

std::vector<std::string> AcronymsOf(const Analyzer& analyzer, const std::string& text) {
  std::vector<std::string> out;
  std::string token;
  for (size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
      token += c;
      continue;
    }
    if (LooksLikeAcronym(token)) out.push_back(analyzer.Normalize(token));
    token.clear();
  }
  return out;
}

// The segments adjacent (phrase) and near each other, in the text field.
void AddProximityBoosts(const Context& ctx, const std::vector<Segment>& segs, std::vector<Xapian::Query>* boosts) {
  if (segs.size() < 2) return;
  std::vector<Xapian::Query> terms = ctx.PositionalTerms(segs, prefix::kText);
  if (terms.size() < 2) return;
  const auto n = static_cast<Xapian::termcount>(terms.size());
  boosts->emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_PHRASE, terms.begin(), terms.end(), n), kPhraseWeight);
  boosts->emplace_back(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_NEAR, terms.begin(), terms.end(), n + kNearSlack), kNearWeight);
}

// A "quoted phrase": its segments adjacent, in text or (weighted) title.
Xapian::Query QuotedQuery(const Context& ctx, const std::vector<Segment>& segs) {
  if (segs.size() == 1) {
    return Xapian::Query(Xapian::Query::OP_OR, ctx.SegmentQuery(segs[0], prefix::kText, false),
                         Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, ctx.SegmentQuery(segs[0], prefix::kTitle, false),
                                       kTitleWeight));
  }
  std::vector<Xapian::Query> text = ctx.PositionalTerms(segs, prefix::kText);
  std::vector<Xapian::Query> title = ctx.PositionalTerms(segs, prefix::kTitle);
  if (text.empty()) return MatchNothingQuery();
  const auto n = static_cast<Xapian::termcount>(text.size());
  return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(Xapian::Query::OP_PHRASE, text.begin(), text.end(), n),
                       Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                                     Xapian::Query(Xapian::Query::OP_PHRASE, title.begin(), title.end(), n), kTitleWeight));
}

}  // namespace

bool IsBlankQuery(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') continue;
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) { i += 2; continue; }
    return false;
  }
  return true;
}

TextQuery BuildTextQuery(const Analyzer& analyzer, const std::string& text, const TextQueryOptions& options) {
  TextQuery out;
  if (IsBlankQuery(text)) {
    out.query = MatchAllQuery();
    return out;
  }
  Context ctx{analyzer, options, AcronymsOf(analyzer, text)};
  std::vector<Segment> plain;  // every unquoted segment, in order
  std::vector<Unit> all_units;
  std::vector<Xapian::Query> literal_bonus;
  for (const auto& [piece, quoted] : SplitQuoted(text)) {
    const std::vector<Segment> segs = analyzer.Analyze(piece);
    if (segs.empty()) continue;
    out.highlight.insert(out.highlight.end(), segs.begin(), segs.end());
    if (out.units.size() >= kMaxUnits) break;
    if (quoted) {
      out.units.push_back(QuotedQuery(ctx, segs));
      out.unit_labels.push_back("\"" + Label(segs, 0, segs.size()) + "\"");
      continue;
    }
    plain.insert(plain.end(), segs.begin(), segs.end());
    Units units = MakeUnits(segs, ctx, &out.expansions);
    for (size_t u = 0; u < units.units.size() && out.units.size() < kMaxUnits; ++u) {
      out.units.push_back(ctx.UnitQuery(units.units[u]));
      out.unit_labels.push_back(units.labels[u]);
      for (const Form& f : units.units[u]) {
        for (const Alternatives& alts : f) {
          for (const Spelling& sp : alts) out.highlight.insert(out.highlight.end(), sp.segs.begin(), sp.segs.end());
        }
      }
      if (units.units[u].size() > 1) literal_bonus.push_back(ctx.LiteralBonus(units.units[u]));
      all_units.push_back(std::move(units.units[u]));
    }
  }
  if (out.units.empty()) {
    out.query = MatchNothingQuery();
    return out;
  }
  Xapian::Query all(Xapian::Query::OP_AND, out.units.begin(), out.units.end());
  // These only add weight, they never decide whether a record matches:
  // the whole query as a record's name (as typed, or another name or
  // spelling of it), ICU's dictionary words (an exact word beats a match
  // that straddles two words), and the words adjacent or near each other.
  std::vector<Xapian::Query> boosts;
  std::vector<std::string> keys = WholeNameKeys(all_units);
  keys.push_back(ExactKey(analyzer, text));
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  for (const auto& k : keys) {
    boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(MakeTerm(prefix::kExactName, k)),
                        kExactNameWeight);
  }
  for (const auto& seg : plain) {
    for (const auto& w : seg.words) boosts.emplace_back(MakeTerm(prefix::kCjkWord, w));
  }
  boosts.insert(boosts.end(), literal_bonus.begin(), literal_bonus.end());
  AddProximityBoosts(ctx, plain, &boosts);
  out.query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, all,
                            Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
  return out;
}

TextQuery BuildTextQuery(const Analyzer& analyzer, const std::string& text, const QueryExpander* expander) {
  TextQueryOptions options;
  options.expander = expander;
  return BuildTextQuery(analyzer, text, options);
}

Xapian::Query BuildTextQuery(const Analyzer& analyzer, const std::string& text) {
  return BuildTextQuery(analyzer, text, static_cast<const QueryExpander*>(nullptr)).query;
}

}  // namespace seedgraph
