#include "query/search.h"

#include <rapidjson/document.h>

#include <algorithm>
#include <memory>

#include "query/snippet.h"
#include "schema/index_layout.h"
#include "schema/vocab.h"

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
constexpr int kMaxPerPage = 100;
constexpr int kMaxPage = 10000;

struct FacetDef {
  const char* name;
  std::string_view prefix;
  Xapian::valueno slot;
  const Vocabulary* vocab;  // nullptr: free values (year)
};

const std::vector<FacetDef>& FacetDefs() {
  static const std::vector<FacetDef> defs = {
      {"type", prefix::kType, kSlotType, &RecordTypes()},
      {"project", prefix::kProject, kSlotProject, &Projects()},
      {"disease_area", prefix::kDiseaseArea, kSlotDiseaseAreas, &DiseaseAreas()},
      {"modality", prefix::kModality, kSlotModalities, &Modalities()},
      {"stage", prefix::kStage, kSlotStage, &Stages()},
      {"year", prefix::kYear, kSlotYearText, nullptr},
  };
  return defs;
}

// Counts each kValueSep-separated value of a slot once per matching document:
// disease_areas and modalities are multi-valued, which Xapian's
// ValueCountMatchSpy would count as one joined string.
class SplitValueCountSpy : public Xapian::MatchSpy {
 public:
  explicit SplitValueCountSpy(Xapian::valueno slot) : slot_(slot) {}
  void operator()(const Xapian::Document& doc, double) override {
    const std::string v = doc.get_value(slot_);
    size_t start = 0;
    while (start < v.size()) {
      size_t end = v.find(kValueSep, start);
      if (end == std::string::npos) end = v.size();
      ++counts_[v.substr(start, end - start)];
      start = end + 1;
    }
  }
  const std::map<std::string, size_t>& counts() const { return counts_; }

 private:
  Xapian::valueno slot_;
  std::map<std::string, size_t> counts_;
};

// The query for one CJK segment under a field prefix.
Xapian::Query CjkQuery(const Segment& seg, std::string_view field) {
  if (seg.grams.size() == 1 && seg.grams.front() == seg.text) {
    return Xapian::Query(Xapian::Query::OP_WILDCARD, TextTerm(field, seg.text), kMaxWildcardExpansion,
                         Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
  }
  if (seg.grams.size() == 1) return Xapian::Query(TextTerm(field, seg.grams.front()));
  std::vector<Xapian::Query> grams;
  for (const auto& g : seg.grams) grams.emplace_back(TextTerm(field, g));
  return Xapian::Query(Xapian::Query::OP_PHRASE, grams.begin(), grams.end(), grams.size());
}

Xapian::Query WordQuery(const Segment& seg, std::string_view field) {
  return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(TextTerm(field, seg.text)),
                       Xapian::Query(StemTerm(field, seg.stem)));
}

Xapian::Query SegmentQuery(const Segment& seg) {
  const bool cjk = seg.kind == SegmentKind::kCjk;
  Xapian::Query all = cjk ? CjkQuery(seg, prefix::kText) : WordQuery(seg, prefix::kText);
  Xapian::Query title = cjk ? CjkQuery(seg, prefix::kTitle) : WordQuery(seg, prefix::kTitle);
  return Xapian::Query(Xapian::Query::OP_OR, all, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, title, kTitleWeight));
}

Xapian::Query OrOfTerms(std::string_view prefix_, const std::vector<std::string>& codes) {
  std::vector<Xapian::Query> terms;
  for (const auto& c : codes) terms.emplace_back(MakeTerm(prefix_, c));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::Query VisibilityFilter(Role role) {
  std::vector<std::string> levels = {"public"};
  if (role == Role::kOfficer) levels.push_back("internal");
  return OrOfTerms(prefix::kVisibility, levels);
}

const FacetDef* FindFacet(const std::string& name) {
  for (const auto& f : FacetDefs()) {
    if (name == f.name) return &f;
  }
  return nullptr;
}

// Spaces, tabs, newlines and the ideographic space U+3000 only.
bool IsBlank(std::string_view s) {
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') continue;
    if (s.compare(i, 3, "\xE3\x80\x80") == 0) { i += 2; continue; }
    return false;
  }
  return true;
}

std::string FirstNonEmpty(const std::string& a, const std::string& b) { return a.empty() ? b : a; }

std::vector<std::string> GetStrings(const rapidjson::Value& rec, const char* key) {
  std::vector<std::string> out;
  auto it = rec.FindMember(key);
  if (it == rec.MemberEnd() || !it->value.IsArray()) return out;
  for (const auto& v : it->value.GetArray()) out.emplace_back(v.GetString(), v.GetStringLength());
  return out;
}

std::string GetString(const rapidjson::Value& v, const char* key) {
  auto it = v.FindMember(key);
  return it != v.MemberEnd() && it->value.IsString() ? std::string(it->value.GetString(), it->value.GetStringLength())
                                                     : std::string();
}

LangText GetLang(const rapidjson::Value& rec, const char* key) {
  auto it = rec.FindMember(key);
  if (it == rec.MemberEnd() || !it->value.IsObject()) return {};
  return {GetString(it->value, "ja"), GetString(it->value, "en")};
}

Hit MakeHit(const Xapian::MSetIterator& it, const Analyzer& analyzer, const std::vector<Segment>& query) {
  Hit hit;
  hit.score = it.get_weight();
  rapidjson::Document rec;
  const std::string data = it.get_document().get_data();
  rec.Parse(data.c_str(), data.size());
  if (!rec.IsObject()) return hit;
  hit.id = GetString(rec, "id");
  hit.type = GetString(rec, "type");
  hit.title = GetLang(rec, "title");
  hit.date = GetString(rec, "date");
  hit.project = GetString(rec, "project");
  hit.stage = GetString(rec, "stage");
  hit.disease_areas = GetStrings(rec, "disease_areas");
  hit.modalities = GetStrings(rec, "modalities");
  // Snippet from the first field that contains a match, else the summary.
  LangText text = GetLang(rec, "text");
  const std::string candidates[] = {text.ja, text.en, hit.title.ja, hit.title.en};
  std::string source;
  for (const auto& c : candidates) {
    if (!c.empty() && SnippetMatches(analyzer, c, query)) { source = c; break; }
  }
  if (source.empty()) source = FirstNonEmpty(text.ja, text.en);
  hit.snippet = MakeSnippet(analyzer, source, query);
  return hit;
}

void CollectFacets(const std::vector<std::unique_ptr<SplitValueCountSpy>>& spies, SearchResult* result) {
  const auto& defs = FacetDefs();
  for (size_t i = 0; i < defs.size(); ++i) {
    std::vector<std::pair<std::string, size_t>> counts(spies[i]->counts().begin(), spies[i]->counts().end());
    const bool is_year = defs[i].vocab == nullptr;
    std::sort(counts.begin(), counts.end(), [is_year](const auto& a, const auto& b) {
      if (is_year) return a.first > b.first;
      return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    result->facets[defs[i].name] = std::move(counts);
  }
}

}  // namespace

const std::vector<std::string>& FacetNames() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> v;
    for (const auto& f : FacetDefs()) v.push_back(f.name);
    return v;
  }();
  return names;
}

Status ValidateSearchRequest(const SearchRequest& r) {
  if (r.sort != "relevance" && r.sort != "date" && r.sort != "-date") {
    return Status::InvalidArgument("sort: must be relevance, date or -date");
  }
  if (r.page < 1 || r.page > kMaxPage) return Status::InvalidArgument("page: must be 1.." + std::to_string(kMaxPage));
  if (r.per_page < 1 || r.per_page > kMaxPerPage) {
    return Status::InvalidArgument("per_page: must be 1.." + std::to_string(kMaxPerPage));
  }
  if (r.year_from < 0 || r.year_from > 9999 || r.year_to < 0 || r.year_to > 9999) {
    return Status::InvalidArgument("year_from/year_to: must be a year");
  }
  for (const auto& [name, codes] : r.filters) {
    const FacetDef* f = FindFacet(name);
    if (f == nullptr || f->vocab == nullptr) {
      return Status::InvalidArgument(name + ": unknown filter (use type, project, disease_area, modality, stage)");
    }
    for (const auto& c : codes) {
      if (!f->vocab->Contains(c)) {
        return Status::InvalidArgument(name + ": unknown code \"" + c.substr(0, 60) + "\" (allowed: " +
                                       f->vocab->CodeList() + ")");
      }
    }
  }
  return Status::Ok();
}

Xapian::Query BuildTextQuery(const Analyzer& analyzer, const std::string& text) {
  if (IsBlank(text)) return Xapian::Query::MatchAll;
  std::vector<Segment> segments = analyzer.Analyze(text);
  if (segments.empty()) return Xapian::Query::MatchNothing;
  std::vector<Xapian::Query> units;
  std::vector<Xapian::Query> words;
  for (const auto& seg : segments) {
    units.push_back(SegmentQuery(seg));
    for (const auto& w : seg.words) words.emplace_back(MakeTerm(prefix::kCjkWord, w));
  }
  Xapian::Query all(Xapian::Query::OP_AND, units.begin(), units.end());
  // These only add weight, they never decide whether a record matches:
  // the whole query as a record's name, and ICU's dictionary words (an exact
  // word beats a match that straddles two words).
  std::vector<Xapian::Query> boosts;
  boosts.emplace_back(Xapian::Query::OP_SCALE_WEIGHT, Xapian::Query(MakeTerm(prefix::kExactName, ExactKey(analyzer, text))),
                      kExactNameWeight);
  boosts.insert(boosts.end(), words.begin(), words.end());
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, all, Xapian::Query(Xapian::Query::OP_OR, boosts.begin(), boosts.end()));
}

Xapian::Query BuildFilterQuery(const SearchRequest& r) {
  std::vector<Xapian::Query> filters;
  if (r.role != Role::kAdmin) filters.push_back(VisibilityFilter(r.role));
  for (const auto& [name, codes] : r.filters) {
    const FacetDef* f = FindFacet(name);
    if (f != nullptr && !codes.empty()) filters.push_back(OrOfTerms(f->prefix, codes));
  }
  if (r.year_from != 0 || r.year_to != 0) {
    const int to = r.year_to != 0 ? r.year_to : 9999;
    filters.emplace_back(Xapian::Query::OP_VALUE_RANGE, kSlotYear, Xapian::sortable_serialise(r.year_from),
                         Xapian::sortable_serialise(to));
  }
  if (filters.empty()) return Xapian::Query::MatchAll;
  return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

Result<SearchResult> Search(Xapian::Database& db, const Analyzer& analyzer, const SearchRequest& request) {
  Status st = ValidateSearchRequest(request);
  if (!st.ok()) return st;
  try {
    Xapian::Query query(Xapian::Query::OP_FILTER, BuildTextQuery(analyzer, request.q), BuildFilterQuery(request));
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    if (request.sort != "relevance") enquire.set_sort_by_value_then_relevance(kSlotDate, request.sort == "-date");
    std::vector<std::unique_ptr<SplitValueCountSpy>> spies;
    if (request.facets) {
      for (const auto& f : FacetDefs()) {
        spies.push_back(std::make_unique<SplitValueCountSpy>(f.slot));
        enquire.add_matchspy(spies.back().get());
      }
    }
    const Xapian::doccount first = static_cast<Xapian::doccount>((request.page - 1) * request.per_page);
    // check_at_least = every document: exact totals and exact facet counts.
    Xapian::MSet mset = enquire.get_mset(first, request.per_page, db.get_doccount());
    SearchResult result;
    result.total = mset.get_matches_estimated();
    result.page = request.page;
    result.per_page = request.per_page;
    const std::vector<Segment> segments = analyzer.Analyze(request.q);
    for (auto it = mset.begin(); it != mset.end(); ++it) result.hits.push_back(MakeHit(it, analyzer, segments));
    if (request.facets) CollectFacets(spies, &result);
    return result;
  } catch (const Xapian::Error& e) {
    return Status::IOError("search failed: " + e.get_description());
  }
}

}  // namespace seedgraph
