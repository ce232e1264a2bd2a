// The read layer in tests: an IndexView of an index directory for a role.
#pragma once

#include <gtest/gtest.h>

#include <cstdlib>
#include <string>

#include "query/index_view.h"

namespace seedgraph {

// The view `role` has of the index at dir; a test that cannot open it
// fails loudly (there is nothing to test without it).
inline IndexView MustView(const std::string& dir, Role role) {
  Result<IndexView> view = IndexView::Open(dir, role);
  if (!view.ok()) {
    ADD_FAILURE() << "cannot open " << dir << ": " << view.status().message();
    std::abort();
  }
  return std::move(view.value());
}

}  // namespace seedgraph
