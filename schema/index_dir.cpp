#include "schema/index_dir.h"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "schema/vocab.h"

namespace seedgraph {

namespace fs = std::filesystem;

std::vector<std::string> RecordParts() {
  std::vector<std::string> parts;
  for (const auto& e : Visibilities().entries) parts.emplace_back(e.code);
  return parts;
}

std::string IndexPartPath(const std::string& dir, std::string_view part) {
  return (fs::path(dir) / kIndexPartsDir / std::string(part)).string();
}

std::string IndexStubText() {
  std::string text;
  for (const auto& p : RecordParts()) text += std::string("glass ") + kIndexPartsDir + "/" + p + "\n";
  return text;
}

bool IsPartitionedIndex(const std::string& dir) {
  std::ifstream in(fs::path(dir) / kIndexStub, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str() == IndexStubText();
}

std::string OlderLayoutMessage(const std::string& dir) {
  return "the index at " + dir + " was built by an older seedgraph (one database for all visibility levels); "
         "rebuild it: remove the directory and run `seedgraph index --db " + dir + " FILE...` again";
}

bool IsSingleDatabaseIndex(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "iamglass", ec)) return true;
  // A bulk build of an older seedgraph: a stub naming one merged database.
  std::ifstream in(fs::path(dir) / kIndexStub, std::ios::binary);
  return in && !IsPartitionedIndex(dir);
}

}  // namespace seedgraph
