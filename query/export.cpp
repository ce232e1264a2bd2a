#include "query/export.h"

#include "query/json.h"

namespace seedgraph {
namespace {

constexpr int kChunk = 100;  // matches per read: the search page limit

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  return out + "\"";
}

std::string Joined(const std::vector<std::string>& v) {
  std::string out;
  for (const auto& s : v) out += (out.empty() ? "" : ";") + s;
  return out;
}

}  // namespace

bool ParseExportFormat(const std::string& name, ExportFormat* format) {
  if (name == "csv") *format = ExportFormat::kCsv;
  else if (name == "jsonl") *format = ExportFormat::kJsonl;
  else return false;
  return true;
}

const char* ExportContentType(ExportFormat format) {
  return format == ExportFormat::kCsv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
}

std::string ExportCsvHeader() { return "id,type,title_ja,title_en,date,project,disease_areas,modalities,stage,score\r\n"; }

std::string ExportRow(const Hit& h, ExportFormat format) {
  if (format == ExportFormat::kJsonl) return HitJson(h) + "\n";
  const std::string fields[] = {h.id,      h.type,  h.title.ja,           h.title.en,         h.date,
                                h.project, Joined(h.disease_areas), Joined(h.modalities), h.stage,
                                std::to_string(h.score)};
  std::string out;
  for (const std::string& f : fields) out += (out.empty() ? "" : ",") + CsvField(f);
  return out + "\r\n";
}

Result<size_t> ExportMatches(IndexView& view, const Analyzer& analyzer, SearchRequest request,
                             const ExportOptions& options, const std::function<bool(const std::string&)>& out) {
  request.facets = false;
  request.per_page = kChunk;
  request.page = 1;
  request.offset = 0;
  size_t rows = 0;
  for (;;) {
    Result<SearchResult> page = Search(view, analyzer, request);
    if (!page.ok()) return page.status();
    if (request.offset == 0 && options.format == ExportFormat::kCsv) {
      if (!out(std::string(options.bom ? "\xEF\xBB\xBF" : "") + ExportCsvHeader())) return rows;
    }
    std::string chunk;
    for (const Hit& h : page.value().hits) chunk += ExportRow(h, options.format);
    rows += page.value().hits.size();
    if (!chunk.empty() && !out(chunk)) return rows;
    if (page.value().hits.size() < static_cast<size_t>(kChunk)) return rows;
    request.offset += kChunk;
  }
}

}  // namespace seedgraph
