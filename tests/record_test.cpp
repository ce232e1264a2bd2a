// Record parsing and validation (CONTRACT §1): one row per rule.
#include <gtest/gtest.h>

#include "schema/record_json.h"

namespace seedgraph {
namespace {

struct Row {
  const char* name;
  std::string json;
  const char* error;  // "" = accepted; else a substring of the message
};

const Row kRows[] = {
    {"minimal", R"({"id":"disease:nando:1200001","type":"disease","title":{"ja":"球脊髄性筋萎縮症"}})", ""},
    {"full",
     R"({"id":"topic:amed:JP16ek0109114","type":"topic","title":{"ja":"課題","en":"Topic"},"text":{"en":"x"},)"
     R"("keywords":["a"],"date":"2016-04","project":"pharma","disease_areas":["cancer","intractable"],)"
     R"("modalities":["biologic"],"stage":"applied","identifiers":{"grant":"JP16ek0109114","pmid":123},)"
     R"("links":[{"rel":"studies","to":"disease:nando:1200001","date":"2017"}],"visibility":"internal",)"
     R"("attrs":{"anything":[1,{"x":null}]}})",
     ""},
    {"bad json", R"({"id":"x:1",)", "json: "},
    {"not an object", R"(["id"])", "json: a record must be a JSON object"},
    {"trailing garbage", R"({"id":"disease:1","type":"disease","title":{"en":"x"}} extra)", "json: "},
    {"missing id", R"({"type":"disease","title":{"en":"x"}})", "id: "},
    {"missing type", R"({"id":"disease:1","title":{"en":"x"}})", "type: required"},
    {"unknown type", R"({"id":"gene:1","type":"gene","title":{"en":"x"}})", "type: unknown code \"gene\""},
    {"id without type prefix", R"({"id":"nando:1","type":"disease","title":{"en":"x"}})", "id: must start with"},
    {"id with space", R"({"id":"disease:a b","type":"disease","title":{"en":"x"}})", "id: must not contain spaces"},
    {"missing title", R"({"id":"disease:1","type":"disease"})", "title: required"},
    {"empty title", R"({"id":"disease:1","type":"disease","title":{"ja":"","en":""}})", "title: required"},
    {"title language", R"({"id":"disease:1","type":"disease","title":{"fr":"x"}})", "title.fr: unknown language"},
    {"title not string", R"({"id":"disease:1","type":"disease","title":{"ja":3}})", "title.ja: must be a string"},
    {"keywords not array", R"({"id":"disease:1","type":"disease","title":{"en":"x"},"keywords":"a"})",
     "keywords: must be an array"},
    {"bad date", R"({"id":"disease:1","type":"disease","title":{"en":"x"},"date":"2019/04/01"})", "date: not an ISO"},
    {"bad month", R"({"id":"disease:1","type":"disease","title":{"en":"x"},"date":"2019-13"})", "date: not an ISO"},
    {"bad day", R"({"id":"disease:1","type":"disease","title":{"en":"x"},"date":"2023-02-29"})", "date: not an ISO"},
    {"leap day", R"({"id":"disease:1","type":"disease","title":{"en":"x"},"date":"2024-02-29"})", ""},
    {"unknown project", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"project":"space"})",
     "project: unknown code \"space\""},
    {"unknown disease area",
     R"({"id":"topic:1","type":"topic","title":{"en":"x"},"disease_areas":["cancer","heart"]})",
     "disease_areas[1]: unknown code \"heart\""},
    {"unknown modality", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"modalities":["magic"]})",
     "modalities[0]: unknown code"},
    {"unknown stage", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"stage":"done"})", "stage: unknown code"},
    {"unknown visibility", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"visibility":"secret"})",
     "visibility: unknown code"},
    {"unknown relation", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"links":[{"rel":"likes","to":"a:b"}]})",
     "links[0].rel: unknown code \"likes\""},
    {"link without target", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"links":[{"rel":"cites"}]})",
     "links[0].to: must not be empty"},
    {"link bad target", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"links":[{"rel":"cites","to":"nocolon"}]})",
     "links[0].to: must have the form"},
    {"link extra field", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"links":[{"rel":"cites","to":"a:b","w":1}]})",
     "links[0].w: unknown field"},
    {"unknown field", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"colour":"red"})", "colour: unknown field"},
    {"attrs not object", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"attrs":[1]})", "attrs: must be an object"},
    {"identifier not string", R"({"id":"topic:1","type":"topic","title":{"en":"x"},"identifiers":{"doi":[1]}})",
     "identifiers.doi: must be a string"},
    {"invalid utf-8", "{\"id\":\"topic:1\",\"type\":\"topic\",\"title\":{\"ja\":\"\xff\xfe\"}}", "invalid UTF-8"},
    {"huge field",
     R"({"id":"topic:1","type":"topic","title":{"en":"x"},"text":{"en":")" + std::string((1 << 20) + 1, 'a') + R"("}})",
     "text.en: longer than 1 MiB"},
};

class RecordRules : public ::testing::TestWithParam<Row> {};

TEST_P(RecordRules, AcceptsOrRejectsWithFieldAndReason) {
  const Row& row = GetParam();
  Record r;
  Status st = ParseRecord(row.json, &r);
  if (std::string(row.error).empty()) {
    EXPECT_TRUE(st.ok()) << st.message();
  } else {
    ASSERT_FALSE(st.ok()) << "accepted: " << row.json.substr(0, 200);
    EXPECT_NE(st.message().find(row.error), std::string::npos) << "message: " << st.message();
  }
}

INSTANTIATE_TEST_SUITE_P(Table, RecordRules, ::testing::ValuesIn(kRows), [](const auto& info) {
  std::string n = info.param.name;
  for (char& c : n) if (!isalnum(static_cast<unsigned char>(c))) c = '_';
  return n;
});

TEST(Record, DerivesYearAndSortsCodes) {
  Record r;
  ASSERT_TRUE(ParseRecord(R"({"id":"topic:1","type":"topic","title":{"en":"x"},"date":"2019-04-01",)"
                          R"("disease_areas":["intractable","cancer","cancer"]})",
                          &r)
                  .ok());
  EXPECT_EQ(r.year, 2019);
  EXPECT_EQ(r.disease_areas, (std::vector<std::string>{"cancer", "intractable"}));
  EXPECT_EQ(r.visibility, "public");
}

TEST(Record, WriteThenParseRoundTrips) {
  Record r;
  ASSERT_TRUE(ParseRecord(kRows[1].json, &r).ok());
  Record again;
  ASSERT_TRUE(ParseRecord(WriteRecordJson(r), &again).ok()) << WriteRecordJson(r);
  EXPECT_EQ(WriteRecordJson(r), WriteRecordJson(again));
  EXPECT_EQ(again.identifiers.at("pmid"), "123");
  EXPECT_EQ(again.links.at(0).to, "disease:nando:1200001");
  EXPECT_EQ(again.visibility, "internal");
  EXPECT_EQ(again.attrs_json, R"({"anything":[1,{"x":null}]})");
}

// The one decoder of stored records gives back what the writer stored, and
// a damaged document only empty or partial fields.
TEST(Record, StoredRecordsDecodeAsWritten) {
  Record r;
  ASSERT_TRUE(ParseRecord(kRows[1].json, &r).ok());
  const Record stored = DecodeStoredRecord(WriteRecordJson(r));
  EXPECT_EQ(WriteRecordJson(stored), WriteRecordJson(r));
  EXPECT_EQ(stored.year, r.year);
  for (const char* damaged : {"", "{", "[1,2]", R"({"id":7,"title":{"ja":["x"]},"links":"none"})",
                              R"({"id":"paper:x","links":[{"rel":1},{"rel":"cites","to":"paper:y"}]})"}) {
    const Record d = DecodeStoredRecord(damaged);  // must not throw or crash
    EXPECT_TRUE(d.title.ja.empty()) << damaged;
  }
  EXPECT_EQ(DecodeStoredRecord(R"({"id":"paper:x","type":"paper","title":{"en":"T"}})").title.en, "T");
  EXPECT_EQ(AttrString(R"({"end_date":"2024-03-31","n":3})", "end_date"), "2024-03-31");
  EXPECT_EQ(AttrString(R"({"end_date":3})", "end_date"), "");
  EXPECT_TRUE(AttrFlag(R"({"top1pct":true})", "top1pct"));
  EXPECT_FALSE(AttrFlag(R"({"top1pct":"true"})", "top1pct"));
  EXPECT_FALSE(AttrFlag("not json top1pct", "top1pct"));
}

TEST(Record, QuotesInTextSurviveTheWriter) {
  Record r;
  r.id = "paper:doi:10.1/x";
  r.type = "paper";
  r.title.en = "A \"quoted\" title with \\ and \n newline";
  ASSERT_TRUE(ValidateRecord(&r).ok());
  Record again;
  ASSERT_TRUE(ParseRecord(WriteRecordJson(r), &again).ok());
  EXPECT_EQ(again.title.en, r.title.en);
}

// CheckDate reads only the date part of a timestamp; the rest of a link date
// must still be UTF-8, or the record is written as invalid JSON
// (fuzz/regressions/record/link-date-invalid-utf8).
TEST(Record, LinkDateMustBeUtf8) {
  Record r;
  r.id = "topic:x";
  r.type = "topic";
  r.title.ja = "t";
  r.links.push_back(Link{"cites", "paper:y", "2021-01-01T09:00\xff"});
  Status st = ValidateRecord(&r);
  EXPECT_EQ(st.message(), "links[0].date: invalid UTF-8");
  r.links[0].date = "2021-01-01T09:00+09:00";
  EXPECT_TRUE(ValidateRecord(&r).ok());
}

TEST(Utf8, ValidatesStrictly) {
  EXPECT_TRUE(IsValidUtf8("球脊髄性 abc"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));          // overlong '/'
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));      // surrogate
  EXPECT_FALSE(IsValidUtf8("\xe7\x90"));          // truncated
  EXPECT_FALSE(IsValidUtf8("\xf4\x90\x80\x80"));  // > U+10FFFF
}

}  // namespace
}  // namespace seedgraph
