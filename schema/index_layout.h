// The Xapian index layout: term prefixes, value slots and the helpers that
// turn Segments into terms.  Indexer and query both include this file; it is
// the only place a prefix or a slot number is spelled.
//
// Terms (Xapian convention: upper-case prefixes, lower-case/CJK content):
//   ""   free text of title + text + keywords + identifiers (positional)
//   S    title only (positional): a title match adds weight
//   K    a keyword, whole and normalized
//   Z    English stems (Z + word-prefix + stem), not positional
//   W    ICU dictionary words of CJK runs, not positional (ranking only)
//   R    CJK bigrams of a keyword that is a kana reading ("じーえむ2がんぐり
//        おしどーしす"), positional: only kana queries of 4+ characters look
//        here, so がん does not match inside a reading
//   J    a whole katakana word (J + field + run), not positional: a short
//        or variant katakana query matches whole words only, so ガン finds
//        肺ガン but not ガンマグロブリン or リガンド
//   Q    the record id (unique id term, used by replace_document)
//   XT / XP / XA / XM / XG / XY / XV   type, project, disease area, modality,
//        stage, year, visibility (boolean filters)
//   XI   identifier "XI<scheme>:<value>" (value lower-cased)
//   XL   outgoing link "XL<rel>:<target id>" (who links to T with rel R)
//   XLA  outgoing link to any target "XLA<target id>" (all incoming of T)
//   XR   "XR<rel>": the record has at least one outgoing link of rel R
//   XF   "XF<flag>": a flag from attrs (top1pct) for indicators
//   XC   a patent class from attrs.ipc_classes / attrs.cpc_classes (wdf 1,
//        so BM25 weighs rare classes): the subgroup "XCC07D487/04" and its
//        main group "XCC07D487"; company matching compares them
//   XB   "XBcompany": the record names a company as a party (applicant,
//        marketed_by, licensed_to a company:* id): company evidence
//   XE   a whole name: title ja / en and each keyword as ExactKey() (wdf 1),
//        so a query that *is* a record's name ranks that record first
//   XO   the name key of a company or organization (indexer/import/names.h
//        OrganizationKey of title ja / en): a link to company:name:<key>
//        finds the company indexed under another id (company:corp:<法人番号>)
// Values: see Slot.  Document data: the record as compact JSON.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "schema/analyzer.h"

namespace seedgraph {

namespace prefix {
inline constexpr std::string_view kText = "";
inline constexpr std::string_view kTitle = "S";
inline constexpr std::string_view kKeyword = "K";
inline constexpr std::string_view kStem = "Z";
inline constexpr std::string_view kCjkWord = "W";
inline constexpr std::string_view kKana = "J";
inline constexpr std::string_view kReading = "R";
inline constexpr std::string_view kId = "Q";
inline constexpr std::string_view kType = "XT";
inline constexpr std::string_view kProject = "XP";
inline constexpr std::string_view kDiseaseArea = "XA";
inline constexpr std::string_view kModality = "XM";
inline constexpr std::string_view kStage = "XG";
inline constexpr std::string_view kYear = "XY";
inline constexpr std::string_view kVisibility = "XV";
inline constexpr std::string_view kIdentifier = "XI";
inline constexpr std::string_view kLink = "XL";
inline constexpr std::string_view kLinkAny = "XLA";
inline constexpr std::string_view kExactName = "XE";
inline constexpr std::string_view kHasRel = "XR";
inline constexpr std::string_view kFlag = "XF";
inline constexpr std::string_view kClass = "XC";
inline constexpr std::string_view kParty = "XB";
inline constexpr std::string_view kNameKey = "XO";
}  // namespace prefix

// Value slots.  Multi-valued fields are stored joined with kValueSep so a
// match spy can count each code once per document.
enum Slot : unsigned {
  kSlotDate = 0,        // "YYYY-MM-DD" (padded), sorts as a string
  kSlotYear = 1,        // Xapian::sortable_serialise(year)
  kSlotType = 2,
  kSlotProject = 3,
  kSlotDiseaseAreas = 4,
  kSlotModalities = 5,
  kSlotStage = 6,
  kSlotVisibility = 7,
  kSlotYearText = 8,    // "2019": for the year facet
  kSlotFacets = 9,      // the kFacetSlots values joined by kFacetSep
  kSlotParties = 10,    // "<rel> <company id>" of each company party, joined by kValueSep
  // When this version of the record was ingested: sortable_serialise of
  // microseconds since 1970 (UTC; a bulk load of a million records runs
  // at most a second ahead of the clock), kept when the same record is ingested
  // again unchanged.  Change alerts read it (web/alerts.h); an index older
  // than this slot has none, and its records count as seen.
  kSlotStamp = 11,
  // The date for oldest-first order: kSlotDate's value, or kUndatedLast for
  // a record without a date, so that undated records come last both ways
  // (newest first reads kSlotDate, where they are empty).  An index older
  // than this slot has none; search then sorts on kSlotDate.
  kSlotDateAscending = 12,
  // The order a record's incoming links are read in (graph walks, related
  // seeds): kSlotDate's value, kValueSep, the record id; read descending,
  // so the newest sources come first and equal dates go by id.  It does not
  // depend on document ids, so one database and any number of shards,
  // local or remote, walk the same graph.  An index older than this slot
  // has none: its links are read in document order.  Also every order by
  // date whose ties must not depend on the layout (query/index_view.h
  // SortByDateThenId: pairing, indicator drill-downs, company profiles;
  // related seeds' ties).
  kSlotLinkOrder = 13,
};
inline constexpr char kUndatedLast[] = "~";
inline constexpr char kValueSep = '\x1f';

// The rels that make a record evidence of what the company it names does
// (the XB term and kSlotParties; company matching reads them).
inline bool IsPartyRel(std::string_view rel) {
  return rel == "applicant" || rel == "marketed_by" || rel == "licensed_to";
}

// The slots search facets count, packed into kSlotFacets in this order so a
// match costs one value read instead of one per facet, and Xapian's own
// ValueCountMatchSpy (which remote shards run) counts every facet and
// cross-link at once (query/dimensions.h).
inline constexpr Slot kFacetSlots[] = {kSlotType, kSlotProject, kSlotDiseaseAreas,
                                       kSlotModalities, kSlotStage, kSlotYearText};
inline constexpr char kFacetSep = '\x1e';

// Xapian terms are at most 245 bytes.  Longer ones (a 300-character id, a
// huge keyword) are cut and suffixed with a hash of the whole so they stay
// distinct and deterministic.  Indexer and query both build terms with it.
std::string MakeTerm(std::string_view prefix, std::string_view body);

// Position gap between fields, so a phrase never spans title and text.
inline constexpr unsigned kFieldPositionGap = 100;

// A name reduced to its searchable characters: the analyzer's segment
// texts concatenated ("IgＡ 腎症" -> "iga腎症", "Parkinson's disease" ->
// "parkinsonsdisease"), so spacing, width and punctuation never matter.
std::string ExactKey(const Analyzer& analyzer, std::string_view name);

// Term builders shared by the indexer and the query builder.  `field` is
// prefix::kText or prefix::kTitle.
// A word or a CJK bigram/char under a field prefix (positional).
inline std::string TextTerm(std::string_view field, std::string_view token) { return MakeTerm(field, token); }
// An English stem: "Z" + field + stem.
inline std::string StemTerm(std::string_view field, std::string_view stem) {
  std::string p(prefix::kStem);
  p.append(field);
  return MakeTerm(p, stem);
}
// A whole katakana word under a field prefix: "J" + field + run.
inline std::string KanaTerm(std::string_view field, std::string_view run) {
  std::string p(prefix::kKana);
  p.append(field);
  return MakeTerm(p, run);
}
// The maximal katakana runs (U+30A1..U+30FA, ー, ヽ, ヾ) of normalized text:
// "肺ガン治療" -> {"ガン"}, "ガンマグロブリン製剤" -> {"ガンマグロブリン"}.
std::vector<std::string> KatakanaRuns(std::string_view text);
// True when the whole text is one katakana run.
bool IsKatakanaWord(std::string_view text);
// True when text is only hiragana / katakana (and ー).
bool IsKanaOnly(std::string_view text);
// A keyword that transcribes a name in kana: its CJK segments are all kana,
// 5 characters or more in all (digits and Latin letters may come between).
bool IsKanaReading(const std::vector<Segment>& segments);
}  // namespace seedgraph
