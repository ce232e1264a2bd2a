// Strict parsing of request targets and query parameters.
//
// cpp-httplib 0.11.4 decodes leniently: "%ZZ" and a lone "%" stay literal,
// the non-standard "%u3042" becomes "あ", and bytes that are not UTF-8 (raw
// or as "%FF") pass through.  The web layer therefore ignores req.params and
// req.path and parses req.target itself, so a malformed request is answered
// with a 400 that names the problem instead of being searched as mojibake.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "query/search.h"
#include "schema/status.h"

namespace seedgraph {

struct QueryParam {
  std::string name;
  std::string value;
};
// In the order given; a name may repeat.
using QueryParams = std::vector<QueryParam>;

// Percent-decodes one component of a URL.  `plus_as_space` for query
// components (form encoding), not for paths.  kInvalidArgument when a '%'
// is not followed by two hex digits, or when the result is not well-formed
// UTF-8 or contains a NUL byte.  `what` names the component in the message.
Result<std::string> PercentDecode(std::string_view raw, bool plus_as_space, std::string_view what);

// Splits a request target into its raw (still encoded) path and query.
void SplitTarget(std::string_view target, std::string_view* path, std::string_view* query);

// Parses "a=1&b=2&b=3" (the part after '?').  Empty pieces ("a=1&&b=2") are
// skipped; a piece without '=' has an empty value; an empty name is an error.
Result<QueryParams> ParseQueryString(std::string_view raw);

// kInvalidArgument "unknown parameter: x" for the first parameter whose name
// is not in `allowed`: users expect a typo ("typ=paper") to be reported
// rather than silently ignored.
Status CheckKnownParams(const QueryParams& params, const std::vector<std::string>& allowed);

// The single value of a parameter that may be given once; "" when absent.
// kInvalidArgument "name: given more than once" when repeated.
Result<std::string> SingleParam(const QueryParams& params, const std::string& name);

// An optional integer parameter in [min, max]: absent or empty leaves *out
// unchanged (HTML forms send empty fields); anything but decimal digits, or
// a value outside the range, is kInvalidArgument naming the parameter.
Status IntParam(const QueryParams& params, const std::string& name, int min, int max, int* out);

// Every non-empty value of a repeatable parameter, in the order given.
std::vector<std::string> RepeatedParam(const QueryParams& params, const std::string& name);

// The parameter names of each endpoint (CONTRACT.md §3).  Crosslinks and
// indicators take the search filters and q too, but no paging or sort.
const std::vector<std::string>& SearchParamNames();
const std::vector<std::string>& RelatedParamNames();     // type, across, limit
const std::vector<std::string>& GraphParamNames();       // depth, rel, limit
const std::vector<std::string>& MatchParamNames();       // seed | company, limit
const std::vector<std::string>& CrosslinksParamNames();  // rows, cols + filters
const std::vector<std::string>& IndicatorsParamNames();
const std::vector<std::string>& ExportParamNames();  // format, bom + filters
const std::vector<std::string>& PairingParamNames();  // months, limit, per_topic, today  // by + filters

struct SearchParamLimits {
  size_t max_query_bytes = 2048;  // of the decoded q
};

// Builds the SearchRequest of GET /api/search (the role is left to the
// caller).  Checks syntax only (integers, repeats, q size); the meaning of
// values (codes, ranges, sort) is ValidateSearchRequest's job.
Result<SearchRequest> ParseSearchParams(const QueryParams& params, const SearchParamLimits& limits);

}  // namespace seedgraph
