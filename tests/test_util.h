// Helpers shared by the test suites.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <string>

namespace seedgraph {

// A per-process scratch path under gtest's TempDir: suites may run in
// parallel (ctest -j) without touching each other's indexes.
inline std::string TestPath(const std::string& name) {
  return ::testing::TempDir() + "/seedgraph_" + std::to_string(getpid()) + "_" + name;
}

}  // namespace seedgraph
