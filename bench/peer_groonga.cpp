// Groonga (TokenBigram + NormalizerAuto).  Loading is Groonga's own CLI
// (`groonga -n DB < FILE`) reading a command file written here: the table,
// a `load` of the records as JSON, then the lexicon and the index column
// (built once over the loaded data: Groonga's "static indexing", its fast
// path for bulk loads).  Querying is in-process through libgroonga's
// command API (grn_ctx_send of a `select`), which includes Groonga's own
// JSON output of the 20 hits with snippet_html() and, for facets, the
// drilldowns.
#include <groonga.h>
#include <rapidjson/document.h>
#include <rapidjson/stringbuffer.h>
#include <rapidjson/writer.h>

#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <string>

#include "bench/peer_common.h"
#include "bench/peers.h"

namespace seedgraph::bench {
namespace {

constexpr const char* kSchema =
    "table_create Docs TABLE_HASH_KEY ShortText\n"
    "column_create Docs title COLUMN_SCALAR Text\n"
    "column_create Docs body COLUMN_SCALAR Text\n"
    "column_create Docs type COLUMN_SCALAR ShortText\n"
    "column_create Docs project COLUMN_SCALAR ShortText\n"
    "column_create Docs stage COLUMN_SCALAR ShortText\n"
    "column_create Docs year COLUMN_SCALAR UInt16\n"
    "column_create Docs areas COLUMN_VECTOR ShortText\n"
    "column_create Docs mods COLUMN_VECTOR ShortText\n";

constexpr const char* kIndex =
    "table_create Terms TABLE_PAT_KEY ShortText --default_tokenizer TokenBigram --normalizer NormalizerAuto\n"
    "column_create Terms docs_index COLUMN_INDEX|WITH_POSITION|WITH_SECTION Docs title,body\n";

void WriteRecord(const FlatRecord& r, rapidjson::Writer<rapidjson::StringBuffer>* w) {
  auto str = [w](const char* key, const std::string& v) {
    w->Key(key);
    w->String(v.c_str(), static_cast<rapidjson::SizeType>(v.size()));
  };
  auto list = [w](const char* key, const std::vector<std::string>& v) {
    w->Key(key);
    w->StartArray();
    for (const auto& s : v) w->String(s.c_str(), static_cast<rapidjson::SizeType>(s.size()));
    w->EndArray();
  };
  w->StartObject();
  str("_key", r.id);
  str("title", r.title);
  str("body", r.body);
  str("type", r.type);
  str("project", r.project);
  str("stage", r.stage);
  if (r.year != 0) { w->Key("year"); w->Int(r.year); }
  list("areas", r.areas);
  list("mods", r.modalities);
  w->EndObject();
}

std::string UrlEncode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.') {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// Each word a quoted phrase; Groonga ANDs space-separated terms.
std::string GroongaQueryText(const std::string& q) {
  std::string out;
  for (const auto& word : PeerWords(q)) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : word) {
      if (c == '"' || c == '\\') out += '\\';
      out += c;
    }
    out += '"';
  }
  return out;
}

std::string SelectUri(const std::string& q, bool facets) {
  std::string uri = "/d/select?table=Docs&match_columns=" + UrlEncode("title * 2 || body") +
                    "&query=" + UrlEncode(GroongaQueryText(q)) + "&limit=20&sort_keys=-_score" +
                    "&output_columns=" + UrlEncode("_key,title,_score,snippet_html(body)");
  if (facets) {
    uri += "&drilldown=" + UrlEncode("type,project,stage,year,areas,mods") + "&drilldown_limit=-1" +
           "&drilldown_output_columns=" + UrlEncode("_key,_nsubrecs");
  }
  return uri;
}

// Sends one command and returns its whole output.
std::string Command(grn_ctx* ctx, const std::string& cmd) {
  grn_ctx_send(ctx, cmd.c_str(), static_cast<unsigned int>(cmd.size()), 0);
  if (ctx->rc != GRN_SUCCESS) throw std::runtime_error("groonga: " + std::string(ctx->errbuf) + " for " + cmd);
  std::string out;
  int flags = 0;
  do {
    char* buf = nullptr;
    unsigned int len = 0;
    grn_ctx_recv(ctx, &buf, &len, &flags);
    out.append(buf, len);
  } while (flags & GRN_CTX_MORE);
  return out;
}

// The hit count of a select output: [[N], columns, rows...] is the first
// element of the body (after the [rc, start, elapsed] header when present).
size_t HitCount(const std::string& json) {
  rapidjson::Document doc;
  doc.Parse(json.c_str(), json.size());
  if (!doc.IsArray() || doc.Empty()) return 0;
  const rapidjson::Value* body = &doc;
  if (doc[0].IsArray() && !doc[0].Empty() && doc[0][0].IsNumber() && doc.Size() > 1) body = &doc[1];
  const rapidjson::Value& result = (*body)[0];
  if (!result.IsArray() || result.Empty() || !result[0].IsArray() || result[0].Empty()) return 0;
  return result[0][0].GetUint64();
}

}  // namespace

int GroongaPrep(const std::string& corpus, const std::string& out_path) {
  std::ifstream in(corpus);
  if (!in) throw std::runtime_error("cannot read " + corpus);
  FILE* out = std::fopen(out_path.c_str(), "wb");
  if (out == nullptr) throw std::runtime_error("cannot write " + out_path);
  std::fputs(kSchema, out);
  std::fputs("load --table Docs\n[\n", out);
  std::string line;
  FlatRecord r;
  bool first = true;
  while (std::getline(in, line)) {
    if (!ParseFlat(line, &r)) continue;
    rapidjson::StringBuffer buf;
    rapidjson::Writer<rapidjson::StringBuffer> w(buf);
    WriteRecord(r, &w);
    if (!first) std::fputs(",\n", out);
    std::fwrite(buf.GetString(), 1, buf.GetSize(), out);
    first = false;
  }
  std::fputs("\n]\n", out);
  std::fputs(kIndex, out);
  if (std::fclose(out) != 0) throw std::runtime_error("write failed: " + out_path);
  return 0;
}

int GroongaQuery(const std::string& db_path, const std::string& queries_path) {
  const auto queries = LoadQueries(queries_path);
  grn_init();
  grn_ctx ctx;
  grn_ctx_init(&ctx, 0);
  grn_obj* db = grn_db_open(&ctx, db_path.c_str());
  if (db == nullptr) throw std::runtime_error("cannot open groonga db " + db_path);
  for (const auto& q : queries) Command(&ctx, SelectUri(q.text, true));  // warm-up
  std::printf("INFO groonga driven in-process: libgroonga %s grn_ctx_send(select), top 20 by _score with "
              "snippet_html(body), JSON output; facets = drilldown on 6 columns\n", grn_get_version());
  for (bool facets : {false, true}) {
    Series s;
    for (const auto& q : queries) {
      const std::string uri = SelectUri(q.text, facets);
      const double t0 = NowMs();
      const std::string out = Command(&ctx, uri);
      s.ms.push_back(NowMs() - t0);
      s.totals.push_back(HitCount(out));
    }
    const std::string name = facets ? "search_facets" : "search_plain";
    PrintSeries("groonga", name, s);
    PrintKinds("groonga", name, queries, s);
  }
  grn_obj_close(&ctx, db);
  grn_ctx_fin(&ctx);
  grn_fin();
  return 0;
}

}  // namespace seedgraph::bench
