// Cross-link matrices: counts of records over two dimensions (disease area,
// project, modality, stage, type, year) under the search filters and q,
// computed in one pass of match spies.  Multi-valued dimensions count a
// record once in each of its codes, exactly as the search facets do, so a
// row's total equals the search facet count for that code.
#pragma once

#include <string>
#include <vector>

#include <xapian.h>

#include "query/index_view.h"
#include "query/search.h"
#include "schema/analyzer.h"
#include "schema/status.h"

namespace seedgraph {

struct CrosslinkRequest {
  SearchRequest search;  // q, filters, year range, role (page/sort ignored)
  std::string rows = "disease_area";
  std::string cols = "project";
};

struct Crosslinks {
  std::string row_dim, col_dim;
  std::vector<std::string> rows;          // codes, vocabulary order (year: ascending)
  std::vector<std::string> cols;
  std::vector<std::vector<size_t>> counts;  // counts[r][c]
  std::vector<size_t> row_totals;         // records with that row code (any col, or none)
  std::vector<size_t> col_totals;
  size_t total = 0;                       // records matching the request
  // Records without any code of the row dimension, of the column dimension,
  // and of either: they are in no cell, but a record lacking only the column
  // code is in its row's total (so a row total of 1,157 may sit beside cells
  // that sum to 7).
  size_t missing_row = 0, missing_col = 0, missing_both = 0;
};

// kInvalidArgument for an unknown dimension, rows == cols, or a bad search.
Result<Crosslinks> CrossLinks(IndexView& view, const Analyzer& analyzer, const CrosslinkRequest& request);

}  // namespace seedgraph
