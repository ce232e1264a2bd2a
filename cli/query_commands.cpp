// search and get: the read side of the CLI.
#include <unistd.h>

#include <cstring>
#include <iostream>

#include "cli/commands.h"
#include "cli/flags.h"
#include "query/export.h"
#include "query/json.h"
#include "query/search.h"
#include "query/store.h"

namespace seedgraph {
namespace {

constexpr const char* kSearchUsage = R"(usage: seedgraph search --db DIR [OPTIONS] QUERY...

Searches the index.  Words are ANDed; Japanese text matches inside compounds
(筋萎縮 finds 脊髄性筋萎縮症); width and case do not matter (ＩｇＡ = IgA).

options:
  --db DIR             index directory (required)
  --json               print the API's search response (hits and facets)
  --type T             filter (repeat for OR); likewise --project,
  --disease-area A       --disease-area, --modality, --stage
  --year-from Y, --year-to Y
  --sort S             relevance (default), date, -date
  --page N, --per-page N (default 1, 10; per-page at most 100)
  --role R             see records as public, officer or admin (default admin:
                       whoever can read the index files can read every record)
exit codes: 0 ok (also when nothing matched), 2 usage error, 3 runtime failure
)";

constexpr const char* kExportUsage = R"(usage: seedgraph export --db DIR [OPTIONS] [QUERY...]

Writes every match of a search (no cap; the filters of `seedgraph search`)
to stdout: CSV with a header row whose first column is id, or JSON Lines;
the same rows as GET /api/export.

options:
  --db DIR             index directory (required)
  --format F           csv (default) or jsonl
  --bom                a UTF-8 byte order mark first (CSV for Excel)
  --type T ... --sort S, --role R   as for `seedgraph search`
exit codes: 0 ok (also when nothing matched), 2 usage error, 3 runtime failure
)";

constexpr const char* kGetUsage = R"(usage: seedgraph get --db DIR [--role R] ID

Prints the record with this id as JSON, with its links in both directions
grouped by relation.
exit codes: 0 found, 1 no such record, 2 usage error, 3 runtime failure
)";

struct FilterFlag {
  const char* flag;
  const char* filter;
};
constexpr FilterFlag kFilterFlags[] = {{"type", "type"},
                                       {"project", "project"},
                                       {"disease-area", "disease_area"},
                                       {"modality", "modality"},
                                       {"stage", "stage"}};

// Turns flags into a SearchRequest; returns "" or a usage error.
std::string BuildRequest(const Flags& flags, SearchRequest* req, Role* role) {
  for (const auto& f : kFilterFlags) {
    if (flags.Has(f.flag)) req->filters[f.filter] = flags.All(f.flag);
  }
  struct IntFlag { const char* name; int* out; };
  for (const IntFlag& f : {IntFlag{"year-from", &req->year_from}, IntFlag{"year-to", &req->year_to},
                           IntFlag{"page", &req->page}, IntFlag{"per-page", &req->per_page}}) {
    if (flags.Has(f.name) && !ParseInt(flags.Get(f.name), f.out)) return std::string("--") + f.name + " must be an integer";
  }
  req->sort = flags.Get("sort", "relevance");
  if (!ParseRole(flags.Get("role", "admin"), role)) return "--role must be public, officer or admin";
  for (const auto& word : flags.positional()) req->q += (req->q.empty() ? "" : " ") + word;
  Status st = ValidateSearchRequest(*req);
  return st.ok() ? "" : st.message();
}

// The snippet's HTML as terminal text: <mark> becomes bold (or **).
std::string TerminalSnippet(const std::string& html, bool tty) {
  std::string out;
  for (size_t i = 0; i < html.size();) {
    struct Sub { const char* from; const char* to; };
    const Sub subs[] = {{"<mark>", tty ? "\x1b[1m" : "**"}, {"</mark>", tty ? "\x1b[0m" : "**"},
                        {"&amp;", "&"}, {"&lt;", "<"}, {"&gt;", ">"}, {"&quot;", "\""}, {"&#39;", "'"}};
    bool replaced = false;
    for (const auto& s : subs) {
      if (html.compare(i, std::strlen(s.from), s.from) == 0) {
        out += s.to;
        i += std::strlen(s.from);
        replaced = true;
        break;
      }
    }
    if (!replaced) out += html[i++];
  }
  return out;
}

void PrintHuman(const SearchResult& r) {
  const bool tty = isatty(STDOUT_FILENO);
  std::cout << r.total << " records\n";
  int rank = (r.page - 1) * r.per_page;
  for (const auto& h : r.hits) {
    std::cout << ++rank << ". [" << h.type << "] " << (h.title.ja.empty() ? h.title.en : h.title.ja);
    if (!h.title.ja.empty() && !h.title.en.empty()) std::cout << " / " << h.title.en;
    std::cout << "  (" << h.id << ")\n";
    if (!h.snippet.empty()) std::cout << "   " << TerminalSnippet(h.snippet, tty) << "\n";
  }
}

}  // namespace

int RunSearch(int argc, char** argv) {
  Flags flags({"help", "json"}, {"db", "type", "project", "disease-area", "modality", "stage", "year-from", "year-to",
                                 "sort", "page", "per-page", "role"});
  std::string err = flags.Parse(argc, argv, 1);
  if (err.empty() && flags.Has("help")) {
    std::cout << kSearchUsage;
    return kExitOk;
  }
  SearchRequest req;
  req.per_page = 10;
  Role role = Role::kAdmin;
  if (err.empty() && !flags.Has("db")) err = "--db is required";
  if (err.empty()) err = BuildRequest(flags, &req, &role);
  if (!err.empty()) {
    std::cerr << "seedgraph search: " << err << "\n\n" << kSearchUsage;
    return kExitUsage;
  }
  auto db = IndexView::Open(flags.Get("db"), role);
  if (!db.ok()) {
    std::cerr << "seedgraph search: " << db.status().message() << "\n";
    return kExitFailure;
  }
  Analyzer analyzer;
  req.facets = flags.Has("json");
  auto result = Search(db.value(), analyzer, req);
  if (!result.ok()) {
    std::cerr << "seedgraph search: " << result.status().message() << "\n";
    return kExitFailure;
  }
  if (flags.Has("json")) {
    std::cout << SearchResultJson(result.value()) << "\n";
  } else {
    PrintHuman(result.value());
  }
  return kExitOk;
}

int RunExport(int argc, char** argv) {
  Flags flags({"help", "bom"}, {"db", "type", "project", "disease-area", "modality", "stage", "year-from", "year-to",
                                "sort", "format", "role"});
  std::string err = flags.Parse(argc, argv, 1);
  if (err.empty() && flags.Has("help")) {
    std::cout << kExportUsage;
    return kExitOk;
  }
  SearchRequest req;
  Role role = Role::kAdmin;
  ExportOptions options;
  options.bom = flags.Has("bom");
  if (err.empty() && !flags.Has("db")) err = "--db is required";
  if (err.empty()) err = BuildRequest(flags, &req, &role);
  if (err.empty() && !ParseExportFormat(flags.Get("format", "csv"), &options.format)) err = "--format must be csv or jsonl";
  if (err.empty() && options.bom && options.format != ExportFormat::kCsv) err = "--bom is for --format csv";
  if (!err.empty()) {
    std::cerr << "seedgraph export: " << err << "\n\n" << kExportUsage;
    return kExitUsage;
  }
  auto db = IndexView::Open(flags.Get("db"), role);
  if (!db.ok()) {
    std::cerr << "seedgraph export: " << db.status().message() << "\n";
    return kExitFailure;
  }
  Analyzer analyzer;
  auto rows = ExportMatches(db.value(), analyzer, req, options, [](const std::string& s) {
    std::cout.write(s.data(), static_cast<std::streamsize>(s.size()));
    return static_cast<bool>(std::cout);
  });
  std::cout.flush();
  if (!rows.ok() || !std::cout) {
    std::cerr << "seedgraph export: " << (rows.ok() ? "cannot write stdout" : rows.status().message()) << "\n";
    return kExitFailure;
  }
  std::cerr << "seedgraph export: " << rows.value() << " records\n";
  return kExitOk;
}

int RunGet(int argc, char** argv) {
  Flags flags({"help"}, {"db", "role"});
  std::string err = flags.Parse(argc, argv, 1);
  if (err.empty() && flags.Has("help")) {
    std::cout << kGetUsage;
    return kExitOk;
  }
  Role role = Role::kAdmin;
  if (err.empty() && !flags.Has("db")) err = "--db is required";
  if (err.empty() && flags.positional().size() != 1) err = "exactly one ID is required";
  if (err.empty() && !ParseRole(flags.Get("role", "admin"), &role)) err = "--role must be public, officer or admin";
  if (!err.empty()) {
    std::cerr << "seedgraph get: " << err << "\n\n" << kGetUsage;
    return kExitUsage;
  }
  auto db = IndexView::Open(flags.Get("db"), role);
  if (!db.ok()) {
    std::cerr << "seedgraph get: " << db.status().message() << "\n";
    return kExitFailure;
  }
  auto view = GetRecord(db.value(), flags.positional().front());
  if (!view.ok()) {
    std::cerr << "seedgraph get: " << view.status().message() << "\n";
    return view.status().code() == Status::Code::kNotFound ? kExitRejected : kExitFailure;
  }
  std::cout << RecordViewJson(view.value()) << "\n";
  return kExitOk;
}

}  // namespace seedgraph
