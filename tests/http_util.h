// A real server over a small real index, for the HTTP suites: records are
// indexed through Ingest() (what `seedgraph index` runs) into a temp dir and
// served on a loopback port; requests go out with every byte as given.
#pragma once

#include <cstdlib>

#include <gtest/gtest.h>
#include <httplib.h>
#include <rapidjson/document.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "indexer/ingest.h"
#include "schema/index_dir.h"
#include "tests/tcpsrv_util.h"
#include "tests/test_util.h"
#include "web/server.h"

namespace seedgraph {

struct Answer {
  int status = 0;
  std::string content_type;
  std::string revision;  // the Seedgraph-Revision header
  std::string body;
  rapidjson::Document json;
};

// The shard count the HTTP suites build their index with: 0 (one database
// per level) unless SEEDGRAPH_TEST_SHARDS says otherwise; ctest runs each
// HTTP suite both ways (tests/CMakeLists.txt).
inline size_t TestShards() {
  const char* v = std::getenv("SEEDGRAPH_TEST_SHARDS");
  return v == nullptr ? 0 : static_cast<size_t>(std::strtoul(v, nullptr, 10));
}

// SEEDGRAPH_TEST_REMOTE=1 (with SEEDGRAPH_TEST_SHARDS=N): the server reads
// the shards through one xapian-tcpsrv per shard and level, from a stub
// listing them (tests/tcpsrv_util.h), as a deployment over hosts would.
inline bool TestRemote() {
  const char* v = std::getenv("SEEDGRAPH_TEST_REMOTE");
  return v != nullptr && std::string(v) == "1";
}

class ServerHarness {
 public:
  ~ServerHarness() { Stop(); }

  // Before Start: this many shards, read through xapian-tcpsrv when
  // `remote`, whatever SEEDGRAPH_TEST_SHARDS and SEEDGRAPH_TEST_REMOTE say.
  void UseShards(size_t shards, bool remote) {
    shards_ = shards;
    remote_ = remote;
  }

  // Indexes `records` (JSON Lines, all valid) and serves them with `tokens`
  // as the tokens file.  `options` supplies limits; paths and port are set
  // here.  Use inside ASSERT_NO_FATAL_FAILURE().
  void Start(const std::string& name, const std::string& records, const std::string& tokens,
             ServerOptions options = {}) {
    dir_ = TestPath(name);
    std::filesystem::remove_all(dir_);
    std::filesystem::create_directories(dir_);
    std::ofstream(dir_ + "/records.jsonl") << records;
    std::ofstream(dir_ + "/tokens") << tokens;

    std::ostringstream errors;
    IngestOptions ingest;
    ingest.import.files = {dir_ + "/records.jsonl"};
    ingest.index.db_path = db_path();
    ingest.index.shards = shards_;
    ingest.errors = &errors;
    auto stats = Ingest(ingest);
    ASSERT_TRUE(stats.ok()) << stats.status().message();
    ASSERT_EQ(stats->rejected, 0u) << errors.str();
    ASSERT_EQ(IndexShards(db_path()), shards_);

    options.db_path = db_path();
    if (remote_) {
      ASSERT_GT(shards_, 0u) << "SEEDGRAPH_TEST_REMOTE needs SEEDGRAPH_TEST_SHARDS";
      ASSERT_EQ(tcpsrv_.Start(db_path(), shards_, dir_ + "/remote.stub"), "");
      options.db_path = dir_ + "/remote.stub";
      options.ingest_db = db_path();  // POST /api/records writes where the shards are served from
    }
    options.tokens_file = dir_ + "/tokens";
    if (options.access_log == nullptr) options.access_log = &log_;
    auto server = Server::Create(options);
    ASSERT_TRUE(server.ok()) << server.status().message();
    server_ = std::move(server.value());
    port_ = server_->BindToAnyPort();
    ASSERT_GT(port_, 0);
    thread_ = std::thread([this] { server_->ListenAfterBind(); });
  }

  // Indexes more input into the served index, as `seedgraph index --format
  // FORMAT` does (with the bundled tag dictionary when `tags`); the server
  // sees it from its next request on.  Returns the rejections.
  std::string IngestMore(const std::string& format, const std::vector<std::string>& files, bool tags = false) {
    std::ostringstream errors;
    IngestOptions ingest;
    ingest.import.format = format;
    ingest.import.files = files;
    ingest.index.db_path = db_path();
    ingest.errors = &errors;
    if (tags) ingest.tag_dictionary = SEEDGRAPH_SOURCE_DIR "/data/vocab/tags.tsv";
    auto stats = Ingest(ingest);
    EXPECT_TRUE(stats.ok()) << stats.status().message();
    return errors.str();
  }

  void Stop() {
    if (server_) server_->Stop();
    if (thread_.joinable()) thread_.join();
    server_.reset();
    tcpsrv_.StopAll();
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
    dir_.clear();
  }

  // `target` goes on the wire as given: the tests choose every byte.
  Answer Request(const std::string& method, const std::string& target, const std::string& token = "",
                 const std::string& body = "{}") const {
    httplib::Client cli("127.0.0.1", port_);
    cli.set_url_encode(false);
    // No timed unit tests: a plan that takes long under a sanitizer build is
    // slow, not wrong (bench/ measures speed); the limit only bounds a hang.
    cli.set_read_timeout(60, 0);
    httplib::Headers headers;
    if (!token.empty()) headers.emplace("Authorization", "Bearer " + token);
    // POST bodies go as JSON Lines (records) or JSON (saved items): the
    // server reads both by route, not by type.
    httplib::Result r = method == "POST"     ? cli.Post(target.c_str(), headers, body, "application/x-ndjson")
                        : method == "PATCH"  ? cli.Patch(target.c_str(), headers, body, "application/json")
                        : method == "DELETE" ? cli.Delete(target.c_str(), headers)
                                             : cli.Get(target.c_str(), headers);
    Answer a;
    if (!r) {
      ADD_FAILURE() << "no answer for " << target << ": " << httplib::to_string(r.error());
      return a;
    }
    a.status = r->status;
    a.content_type = r->get_header_value("Content-Type");
    a.revision = r->get_header_value("Seedgraph-Revision");
    a.body = r->body;
    a.json.Parse(a.body.c_str(), a.body.size());
    return a;
  }
  Answer Get(const std::string& target, const std::string& token = "") const { return Request("GET", target, token); }

  int port() const { return port_; }
  // The shard servers (in stub order), when serving remote shards.
  TcpsrvFleet& shard_servers() { return tcpsrv_; }
  std::string db_path() const { return dir_ + "/db"; }
  const std::string& dir() const { return dir_; }
  // The access log (when the options gave none); written by server threads.
  std::string log() const { return log_.str(); }

 private:
  size_t shards_ = TestShards();
  bool remote_ = TestRemote();
  std::string dir_;
  std::unique_ptr<Server> server_;
  TcpsrvFleet tcpsrv_;
  std::thread thread_;
  int port_ = 0;
  std::ostringstream log_;
};

inline int64_t Int(const rapidjson::Value& v, const char* key) {
  return v.IsObject() && v.HasMember(key) && v[key].IsInt64() ? v[key].GetInt64() : -1;
}

// A facet count: 0 when the facet or value is absent, -1 without facets.
inline int64_t FacetCount(const Answer& a, const char* facet, const std::string& value) {
  if (!a.json.IsObject() || !a.json.HasMember("facets")) return -1;
  const auto& f = a.json["facets"];
  if (!f.HasMember(facet)) return 0;
  return f[facet].HasMember(value.c_str()) ? f[facet][value.c_str()].GetInt64() : 0;
}

// The "id" of every element of the array a.json[key] ("hits", "candidates", "nodes").
inline std::vector<std::string> Ids(const Answer& a, const char* key = "hits") {
  std::vector<std::string> ids;
  if (!a.json.IsObject() || !a.json.HasMember(key) || !a.json[key].IsArray()) return ids;
  for (const auto& h : a.json[key].GetArray()) {
    if (h.IsObject() && h.HasMember("id") && h["id"].IsString()) ids.push_back(h["id"].GetString());
  }
  return ids;
}

inline bool Contains(const std::vector<std::string>& v, const std::string& s) {
  return std::find(v.begin(), v.end(), s) != v.end();
}

// The shape every error must have, whoever produced it.
inline void ExpectJsonError(const Answer& a, const std::string& what) {
  ASSERT_TRUE(a.json.IsObject()) << what << ": not JSON: " << a.body;
  ASSERT_TRUE(a.json.HasMember("error")) << what << ": " << a.body;
  EXPECT_TRUE(a.json["error"]["code"].IsString()) << what;
  EXPECT_TRUE(a.json["error"]["message"].IsString()) << what;
  EXPECT_EQ(a.content_type.rfind("application/json", 0), 0u) << what << ": " << a.content_type;
}

}  // namespace seedgraph
