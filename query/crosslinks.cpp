#include "query/crosslinks.h"

#include <algorithm>
#include <map>

#include "query/dimensions.h"
#include "query/store.h"
#include "query/expand.h"

namespace seedgraph {
namespace {

// (row code, col code) pairs and per-code totals, from the combinations of
// dimensions the matches hold (DimensionSpy: the one count that also runs
// on remote shards).
struct PairCounts {
  PairCounts(const DimensionSpy& spy, size_t row, size_t col) {
    total = spy.total();
    spy.ForEach([&](const DimensionSpy::Codes& codes, Xapian::doccount n) {
      const auto& rows = codes[row];
      const auto& cols = codes[col];
      for (std::string_view r : rows) row_totals[std::string(r)] += n;
      for (std::string_view c : cols) col_totals[std::string(c)] += n;
      missing_row += rows.empty() ? n : 0;
      missing_col += cols.empty() ? n : 0;
      missing_both += rows.empty() && cols.empty() ? n : 0;
      for (std::string_view r : rows) {
        for (std::string_view c : cols) pairs[{std::string(r), std::string(c)}] += n;
      }
    });
  }
  size_t total = 0, missing_row = 0, missing_col = 0, missing_both = 0;
  std::map<std::string, size_t> row_totals, col_totals;
  std::map<std::pair<std::string, std::string>, size_t> pairs;
};

// The position of a dimension in Dimensions().
size_t IndexOf(const Dimension* dim) { return static_cast<size_t>(dim - Dimensions().data()); }

// Vocabulary codes in vocabulary order (all of them: a heatmap shows the
// empty cells too); years as observed, ascending.
std::vector<std::string> Axis(const Dimension& dim, const std::map<std::string, size_t>& observed) {
  std::vector<std::string> axis;
  if (dim.vocab != nullptr) {
    for (const auto& e : dim.vocab->entries) axis.push_back(e.code);
    return axis;
  }
  for (const auto& [code, n] : observed) axis.push_back(code);
  return axis;
}

size_t Lookup(const std::map<std::string, size_t>& m, const std::string& key) {
  auto it = m.find(key);
  return it == m.end() ? 0 : it->second;
}

}  // namespace

Result<Crosslinks> CrossLinks(IndexView& view, const Analyzer& analyzer, const CrosslinkRequest& request) {
  Xapian::Database& db = view.db();
  const Dimension* row = FindDimension(request.rows);
  const Dimension* col = FindDimension(request.cols);
  const std::string dims = "type, project, disease_area, modality, stage, year";
  if (row == nullptr) return Status::InvalidArgument("rows: unknown dimension \"" + request.rows + "\" (use " + dims + ")");
  if (col == nullptr) return Status::InvalidArgument("cols: unknown dimension \"" + request.cols + "\" (use " + dims + ")");
  if (row == col) return Status::InvalidArgument("cols: must differ from rows");
  const SearchRequest& search = request.search;
  Status st = ValidateSearchFilters(search);
  if (!st.ok()) return st;
  try {
    Xapian::Enquire enquire(db);
    // The same text query as Search() (with expansion), so the totals agree.
    const QueryExpander expander(view, analyzer);
    TextQueryOptions text_options;
    text_options.expander = search.expand ? &expander : nullptr;
    text_options.terms = &view.db();
    text_options.drop = search.drop;
    const TextQuery text = BuildTextQuery(analyzer, search.q, text_options);
    enquire.set_query(MatchQuery(view, text, search));
    enquire.set_weighting_scheme(Xapian::BoolWeight());  // counting only: skip scoring
    DimensionSpy dims;
    enquire.add_matchspy(dims.spy());
    enquire.get_mset(0, 0, db.get_doccount());
    const PairCounts spy(dims, IndexOf(row), IndexOf(col));
    Crosslinks out;
    out.row_dim = row->name;
    out.col_dim = col->name;
    out.rows = Axis(*row, spy.row_totals);
    out.cols = Axis(*col, spy.col_totals);
    out.total = spy.total;
    out.missing_row = spy.missing_row;
    out.missing_col = spy.missing_col;
    out.missing_both = spy.missing_both;
    for (const auto& r : out.rows) {
      out.row_totals.push_back(Lookup(spy.row_totals, r));
      std::vector<size_t> line;
      for (const auto& c : out.cols) {
        auto it = spy.pairs.find({r, c});
        line.push_back(it == spy.pairs.end() ? 0 : it->second);
      }
      out.counts.push_back(std::move(line));
    }
    for (const auto& c : out.cols) out.col_totals.push_back(Lookup(spy.col_totals, c));
    return out;
  } catch (const Xapian::Error& e) {
    return ReadError(e, "crosslinks");
  }
}

}  // namespace seedgraph
