#include "schema/index_dir.h"

#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "schema/hash.h"
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
  std::error_code ec;
  if (!fs::is_regular_file(fs::path(dir) / kIndexStub, ec)) return false;
  return ReadIndexStub(dir).ok();
}

std::string IndexPart::Name() const {
  if (remote()) return "remote tcp " + host + " " + std::to_string(port);
  const fs::path p(path);
  return (p.parent_path().filename() / p.filename()).string();
}

bool IndexStub::HasLexiconParts() const {
  for (const IndexPart& p : parts) {
    if (p.lexicon) return true;
  }
  return false;
}

namespace {

bool IsLevel(const std::string& s) {
  for (const std::string& l : RecordParts()) {
    if (l == s) return true;
  }
  return false;
}

struct StubReader {
  std::string file;
  fs::path base;
  std::string level;  // set by a seedgraph comment
  bool lexicon = false;
  bool older = false;  // a line of an older seedgraph's stub

  Status Bad(size_t line, const std::string& why) const {
    return Status::IOError(file + ":" + std::to_string(line) + ": " + why);
  }
  // One line; appends what it lists to `out`.
  Status Line(size_t n, const std::string& text, IndexStub* out) {
    std::istringstream in(text);
    std::string word;
    if (!(in >> word)) return Status::Ok();
    if (word[0] == '#') {
      std::string tool, kind, lvl;
      if (word == "#" && in >> tool && tool == "seedgraph" && in >> kind && kind != "index") {
        // A mistyped directive must not leave the databases below it in the
        // level above (a restricted shard read as public).
        if (kind != "level" && kind != "lexicon") return Bad(n, "expected \"# seedgraph level|lexicon LEVEL\"");
        if (!(in >> lvl) || !IsLevel(lvl)) return Bad(n, "unknown visibility level \"" + lvl + "\"");
        level = lvl;
        lexicon = kind == "lexicon";
      }
      return Status::Ok();
    }
    IndexPart part;
    if (word == "remote") {
      std::string transport, port;
      std::string extra;
      if (!(in >> transport >> part.host >> port) || transport != "tcp" || in >> extra) {
        return Bad(n, "expected \"remote tcp HOST PORT\"");
      }
      if (lexicon) return Bad(n, "a lexicon database must be local (remote databases serve no spelling or synonyms)");
      if (level.empty()) return Bad(n, "a remote database needs a \"# seedgraph level LEVEL\" line above it");
      char* end = nullptr;
      const unsigned long p = std::strtoul(port.c_str(), &end, 10);
      if (*end != '\0' || p == 0 || p > 65535) return Bad(n, "port must be 1..65535");
      part.port = static_cast<unsigned>(p);
    } else if (word == "glass" || word == "auto") {
      std::string rel;  // the rest of the line, as Xapian reads it
      if (!std::getline(in >> std::ws, rel) || rel.empty()) return Bad(n, "expected \"" + word + " PATH\"");
      part.path = (fs::path(rel).is_absolute() ? fs::path(rel) : base / rel).string();
    } else {
      return Bad(n, "expected glass PATH, auto PATH or remote tcp HOST PORT");
    }
    part.level = level;
    part.lexicon = lexicon;
    if (part.level.empty()) {
      // The unsharded stub: the level is the directory's name.
      const std::string name = fs::path(part.path).filename().string();
      if (part.remote() || !IsLevel(name)) {
        older = true;
        return Status::Ok();
      }
      part.level = name;
    }
    out->parts.push_back(std::move(part));
    return Status::Ok();
  }
};

}  // namespace

Result<IndexStub> ReadIndexStub(const std::string& path) {
  std::error_code ec;
  const bool is_dir = fs::is_directory(path, ec);
  StubReader reader;
  reader.file = is_dir ? (fs::path(path) / kIndexStub).string() : path;
  reader.base = fs::path(reader.file).parent_path();
  std::ifstream in(reader.file, std::ios::binary);
  if (!in) return Status::IOError("no index at " + path + " (build it with `seedgraph index --db " + path + " FILE`)");
  IndexStub stub;
  size_t n = 0;
  for (std::string line; std::getline(in, line);) {
    Status st = reader.Line(++n, line, &stub);
    if (!st.ok()) return st;
  }
  if (reader.older) return Status::IOError(OlderLayoutMessage(path));
  bool records = false;
  for (const IndexPart& p : stub.parts) records = records || !p.lexicon;
  if (!records) return Status::IOError(reader.file + ": lists no database of records");
  return stub;
}

size_t ShardOf(std::string_view id, size_t shards) {
  return shards == 0 ? 0 : static_cast<size_t>(Fnv1a64(id) % shards);
}

namespace {
constexpr std::string_view kShardDirPrefix = "shard-";  // DIR/shard-K
constexpr std::string_view kLexiconDir = "lexicon";     // DIR/lexicon
}  // namespace

std::string ShardPartPath(const std::string& dir, size_t shard, std::string_view level) {
  return (fs::path(dir) / (std::string(kShardDirPrefix) + std::to_string(shard)) / std::string(level)).string();
}

std::string LexiconPartPath(const std::string& dir, std::string_view level) {
  return (fs::path(dir) / std::string(kLexiconDir) / std::string(level)).string();
}

bool IsPartsDirName(std::string_view name) {
  if (name == kIndexPartsDir || name == kLexiconDir) return true;
  if (name.substr(0, kShardDirPrefix.size()) != kShardDirPrefix || name.size() == kShardDirPrefix.size()) return false;
  return name.substr(kShardDirPrefix.size()).find_first_not_of("0123456789") == std::string_view::npos;
}

std::string ShardedStubText(size_t shards) {
  std::string text = "# seedgraph index of " + std::to_string(shards) + " shards (schema/index_dir.h)\n";
  for (const std::string& level : RecordParts()) {
    text += "# seedgraph level " + level + "\n";
    for (size_t k = 0; k < shards; ++k) text += "glass " + ShardPartPath("", k, level) + "\n";
  }
  for (const std::string& level : RecordParts()) {
    text += "# seedgraph lexicon " + level + "\nglass " + LexiconPartPath("", level) + "\n";
  }
  return text;
}

size_t IndexStub::Shards() const {
  if (!HasLexiconParts()) return 0;
  size_t n = 0;
  for (const IndexPart& p : parts) n += !p.lexicon && p.level == RecordParts().front() ? 1 : 0;
  return n;
}

size_t IndexShards(const std::string& dir) {
  auto stub = ReadIndexStub(dir);
  return stub.ok() ? stub->Shards() : 0;
}

std::string OlderLayoutMessage(const std::string& dir) {
  return "the index at " + dir + " was built by an older seedgraph (one database for all visibility levels); "
         "rebuild it: remove the directory and run `seedgraph index --db " + dir + " FILE...` again";
}

bool IsSingleDatabaseIndex(const std::string& dir) {
  std::error_code ec;
  if (fs::exists(fs::path(dir) / "iamglass", ec)) return true;
  // A bulk build of an older seedgraph: a stub naming one merged database.
  if (!fs::is_regular_file(fs::path(dir) / kIndexStub, ec)) return false;
  auto stub = ReadIndexStub(dir);
  return !stub.ok() && stub.status().message() == OlderLayoutMessage(dir);
}

}  // namespace seedgraph
