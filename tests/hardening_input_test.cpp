// Issue #10 on the input side: deep nesting is a located rejection in every
// JSON importer (it used to overflow the stack), every importer's rejections
// carry a file and line or record number, and a commit under a reader gives
// a clean, retryable error instead of Xapian's text.
#include <gtest/gtest.h>
#include <xapian.h>

#include <filesystem>
#include <fstream>

#include "indexer/ingest.h"
#include "query/search.h"
#include "query/store.h"
#include "schema/index_dir.h"
#include "tests/import_util.h"
#include "tests/test_util.h"

namespace seedgraph {
namespace {

std::string Deep() { return std::string(120000, '[') + std::string(120000, ']'); }

std::string WriteFile(const std::string& dir, const std::string& name, const std::string& text) {
  std::filesystem::create_directories(dir);
  const std::string path = dir + "/" + name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

TEST(HardeningInput, DeepNestingIsRejectedByEveryJsonImporter) {
  const std::string dir = TestPath("hard_deep_import");
  const std::string deep = Deep();
  struct Case {
    const char* format;
    std::string file;
  } cases[] = {
      {"jsonl", WriteFile(dir, "deep.jsonl", R"({"id":"topic:x:1","type":"topic","attrs":)" + deep + "}\n")},
      {"kaken", WriteFile(dir, "kaken.json", deep)},
      {"nbdc", WriteFile(dir, "hum0001.json", deep)},
      {"pap2pat", WriteFile(dir, "pairs.jsonl", R"({"pair_id":)" + deep + "}\n")},
      {"nando", WriteFile(dir, "nanbyo.json", deep)},
  };
  for (const Case& c : cases) {
    Collected got;
    Status st = RunImport(c.format, {c.file}, &got);
    ASSERT_TRUE(st.ok()) << c.format << ": " << st.message();
    EXPECT_TRUE(got.records.empty()) << c.format;
    ASSERT_EQ(got.rejects.size(), 1u) << c.format << "\n" << got.RejectList();
    EXPECT_EQ(got.rejects[0].first.rfind(c.file + ":", 0), 0u) << c.format << ": " << got.rejects[0].first;
    EXPECT_NE(got.rejects[0].second.find("nesting too deep"), std::string::npos) << got.rejects[0].second;
  }
  std::filesystem::remove_all(dir);
}

// Records that pass an importer's own checks but fail validation (here:
// invalid UTF-8 in a field the importer copies) are named by their place.
TEST(HardeningInput, ValidationRejectionsNameFileAndLine) {
  const std::string dir = TestPath("hard_where");
  std::ifstream in(Fixture("edinet/edinetcode_sample.csv"), std::ios::binary);
  std::string header, row;
  std::getline(in, header);
  std::getline(in, row);
  const size_t pos = row.find("医薬品");
  ASSERT_NE(pos, std::string::npos);
  row.replace(pos, std::string("医薬品").size(), "\xff\xfe");
  const std::string edinet = WriteFile(dir, "edinetcode.csv", header + "\n" + row + "\n");
  Collected e;
  ASSERT_TRUE(RunImport("edinet", {edinet}, &e).ok());
  ASSERT_EQ(e.rejects.size(), 1u) << e.RejectList();
  EXPECT_EQ(e.rejects[0].first, edinet + ":2") << e.RejectList();

  const std::string kaken = WriteFile(dir, "kaken.json",
                                      "[[\"19K24385\",2,\"title ok\",\"kw\"],[\"19K24386\",2,\"t\",\"bad \xff kw\"]]");
  Collected k;
  ASSERT_TRUE(RunImport("kaken", {kaken}, &k).ok());
  ASSERT_EQ(k.rejects.size(), 1u) << k.RejectList();
  EXPECT_EQ(k.rejects[0].first, kaken + ":record 2") << k.RejectList();
  EXPECT_NE(k.rejects[0].second.find("topic:kaken:19K24386"), std::string::npos) << k.RejectList();
  std::filesystem::remove_all(dir);
}

// A reader whose revision was overwritten by later commits: the query gives
// kAborted (the server retries it once on a reopened handle) with a message
// of ours, not Xapian's.
TEST(HardeningInput, ModifiedDatabaseIsACleanRetryableError) {
  const std::string dir = TestPath("hard_modified");
  std::filesystem::remove_all(dir);
  std::string records;
  for (int i = 0; i < 3000; ++i) {
    records += R"({"id":"topic:m:)" + std::to_string(i) + R"(","type":"topic","title":{"en":"gene therapy )" +
               std::to_string(i) + R"("}})" "\n";
  }
  const std::string file = WriteFile(dir, "r.jsonl", records);
  IngestOptions ingest;
  ingest.import.files = {file};
  ingest.index.db_path = dir + "/db";
  ingest.jobs = 1;
  ASSERT_TRUE(Ingest(ingest).ok());
  auto opened = IndexView::Open(dir + "/db", Role::kPublic);
  ASSERT_TRUE(opened.ok()) << opened.status().message();
  IndexView& stale = opened.value();
  // Rewrites of every posting list the query reads, committed several
  // times: the blocks of the stale reader's revision are reused.
  for (int round = 0; round < 4; ++round) {
    Xapian::WritableDatabase w(IndexPartPath(dir + "/db", "public"), Xapian::DB_OPEN);
    for (Xapian::docid d = 1; d <= w.get_lastdocid(); ++d) {
      Xapian::Document doc = w.get_document(d);
      for (Xapian::TermIterator t = doc.termlist_begin(); t != doc.termlist_end(); ++t) {
        doc.add_posting(*t, 100 + round);
      }
      w.replace_document(d, doc);
    }
    w.commit();
  }
  SearchRequest req;
  req.q = "gene therapy";
  req.per_page = 50;
  Analyzer analyzer;
  Result<SearchResult> r = Search(stale, analyzer, req);
  ASSERT_FALSE(r.ok()) << "the stale reader saw no change; the test did not provoke DatabaseModifiedError";
  EXPECT_EQ(r.status().code(), Status::Code::kAborted) << r.status().message();
  EXPECT_EQ(r.status().message().find("Xapian"), std::string::npos) << r.status().message();
  EXPECT_EQ(r.status().message().find("DatabaseModified"), std::string::npos) << r.status().message();
  ASSERT_TRUE(stale.Reopen().ok());
  EXPECT_TRUE(Search(stale, analyzer, req).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace seedgraph
