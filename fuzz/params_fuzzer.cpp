// The HTTP parameter parser (web/params.h), fed request targets as a client
// may send them, and driven the way the server's Run() and the handlers use
// it: split the target, decode the path, parse the query string, check the
// names of every endpoint, then build each endpoint's request.
//
// Invariants: decoded values are UTF-8 without NUL (what params.h
// promises the handlers), parameter names are never empty, and percent-
// encoding a parsed query string again parses to the same parameters.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz/fuzz_util.h"
#include "schema/record_json.h"
#include "web/params.h"

namespace seedgraph {
namespace {

bool Clean(const std::string& s) { return IsValidUtf8(s) && s.find('\0') == std::string::npos; }

// The inverse of PercentDecode(plus_as_space = true), escaping every byte
// that is not unreserved.
std::string Encode(const std::string& s) {
  static const char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : s) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                       c == '_' || c == '.' || c == '~';
    if (plain) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

void CheckRoundTrip(const QueryParams& params) {
  std::string query;
  for (const QueryParam& p : params) query += (query.empty() ? "" : "&") + Encode(p.name) + "=" + Encode(p.value);
  Result<QueryParams> again = ParseQueryString(query);
  FUZZ_CHECK(again.ok(), "re-encoded query rejected: " + again.status().message());
  FUZZ_CHECK(again->size() == params.size(), "re-encoded query has another parameter count");
  for (size_t i = 0; i < params.size(); ++i) {
    FUZZ_CHECK(again.value()[i].name == params[i].name && again.value()[i].value == params[i].value,
               "re-encoded parameter " + params[i].name + " changed");
  }
}

// What the handlers of web/routes_*.cpp ask of the parameters; results are
// only checked for crashes and for the ranges promised.
void DriveHandlers(const QueryParams& params) {
  for (const auto* names : {&SearchParamNames(), &RelatedParamNames(), &GraphParamNames(), &MatchParamNames(),
                            &CrosslinksParamNames(), &IndicatorsParamNames(), &PairingParamNames()}) {
    (void)CheckKnownParams(params, *names);
  }
  Result<SearchRequest> search = ParseSearchParams(params, SearchParamLimits{});
  if (search.ok()) {
    FUZZ_CHECK(search->q.size() <= SearchParamLimits{}.max_query_bytes, "q longer than the limit accepted");
    (void)ValidateSearchRequest(search.value());
    (void)ValidateSearchFilters(search.value());
  }
  for (const char* name : {"depth", "limit", "months", "per_topic", "page"}) {
    int value = 7;
    if (IntParam(params, name, 1, 60, &value).ok()) FUZZ_CHECK(value >= 1 && value <= 60, "IntParam out of range");
  }
  for (const char* name : {"across", "seed", "company", "rows", "cols", "by", "today"}) (void)SingleParam(params, name);
  for (const char* name : {"type", "rel"}) {
    for (const std::string& v : RepeatedParam(params, name)) FUZZ_CHECK(!v.empty(), "an empty repeated value");
  }
}

}  // namespace
}  // namespace seedgraph

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace seedgraph;
  const std::string_view target(reinterpret_cast<const char*>(data), size);
  std::string_view path, query;
  SplitTarget(target, &path, &query);
  Result<std::string> decoded_path = PercentDecode(path, false, "path");
  if (decoded_path.ok()) FUZZ_CHECK(Clean(decoded_path.value()), "decoded path is not clean UTF-8");
  Result<QueryParams> params = ParseQueryString(query);
  if (!params.ok()) return 0;
  for (const QueryParam& p : params.value()) {
    FUZZ_CHECK(!p.name.empty() && Clean(p.name) && Clean(p.value), "a parameter that is empty or not clean UTF-8");
  }
  CheckRoundTrip(params.value());
  DriveHandlers(params.value());
  return 0;
}
