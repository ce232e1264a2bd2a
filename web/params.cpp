#include "web/params.h"

#include <algorithm>

#include "schema/record_json.h"

namespace seedgraph {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Messages quote user input, so keep the quoted part short and printable.
std::string Shown(std::string_view s) {
  std::string out;
  for (char c : s.substr(0, 40)) {
    const auto u = static_cast<unsigned char>(c);
    out += (u < 0x20 || u == 0x7f) ? '?' : c;
  }
  if (s.size() > 40) out += "...";
  return out;
}

// Filter parameters, in FacetNames() order: every facet but year (which is
// filtered by year_from / year_to).
std::vector<std::string> FilterNames() {
  std::vector<std::string> names;
  for (const auto& f : FacetNames()) {
    if (f != "year") names.push_back(f);
  }
  return names;
}

// Decimal integers only: no sign games, no "1e3", no " 7", no overflow.
Status ParseInt(const std::string& name, const std::string& value, int* out) {
  constexpr size_t kMaxDigits = 9;  // fits an int; larger is never meaningful here
  if (value.empty() || value.size() > kMaxDigits ||
      !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return Status::InvalidArgument(name + ": not a non-negative integer: \"" + Shown(value) + "\"");
  }
  *out = std::stoi(value);
  return Status::Ok();
}

// An optional integer parameter: absent or empty keeps *out unchanged
// (HTML forms send empty fields).
Status OptionalInt(const QueryParams& params, const std::string& name, int* out) {
  Result<std::string> v = SingleParam(params, name);
  if (!v.ok()) return v.status();
  if (v.value().empty()) return Status::Ok();
  return ParseInt(name, v.value(), out);
}

// The filter part shared by search, crosslinks and indicators, followed by
// an endpoint's own names.
std::vector<std::string> WithFilters(std::vector<std::string> own) {
  own.insert(own.end(), {"q", "year_from", "year_to", "drop"});
  for (auto& f : FilterNames()) own.push_back(std::move(f));
  return own;
}

}  // namespace

Result<std::string> SingleParam(const QueryParams& params, const std::string& name) {
  const QueryParam* found = nullptr;
  for (const auto& p : params) {
    if (p.name != name) continue;
    if (found != nullptr) return Status::InvalidArgument(name + ": given more than once");
    found = &p;
  }
  return found ? found->value : std::string();
}

Status IntParam(const QueryParams& params, const std::string& name, int min, int max, int* out) {
  int value = *out;
  Status s = OptionalInt(params, name, &value);
  if (!s.ok()) return s;
  if (value < min || value > max) {
    return Status::InvalidArgument(name + ": must be " + std::to_string(min) + ".." + std::to_string(max));
  }
  *out = value;
  return Status::Ok();
}

std::vector<std::string> RepeatedParam(const QueryParams& params, const std::string& name) {
  std::vector<std::string> values;
  for (const auto& p : params) {
    if (p.name == name && !p.value.empty()) values.push_back(p.value);
  }
  return values;
}

Result<std::string> PercentDecode(std::string_view raw, bool plus_as_space, std::string_view what) {
  std::string out;
  out.reserve(raw.size());
  for (size_t i = 0; i < raw.size(); ++i) {
    const char c = raw[i];
    if (c == '%') {
      const int hi = i + 1 < raw.size() ? HexValue(raw[i + 1]) : -1;
      const int lo = i + 2 < raw.size() ? HexValue(raw[i + 2]) : -1;
      if (hi < 0 || lo < 0) {
        return Status::InvalidArgument(std::string(what) + ": malformed percent-encoding at \"" +
                                       Shown(raw.substr(i, 3)) + "\"");
      }
      out += static_cast<char>(hi * 16 + lo);
      i += 2;
    } else {
      out += (plus_as_space && c == '+') ? ' ' : c;
    }
  }
  if (!IsValidUtf8(out)) return Status::InvalidArgument(std::string(what) + ": not valid UTF-8");
  if (out.find('\0') != std::string::npos) return Status::InvalidArgument(std::string(what) + ": contains a NUL byte");
  return out;
}

void SplitTarget(std::string_view target, std::string_view* path, std::string_view* query) {
  const size_t q = target.find('?');
  *path = target.substr(0, q);
  *query = q == std::string_view::npos ? std::string_view() : target.substr(q + 1);
  // A fragment never reaches a server from a browser; a hand-made one is
  // not part of the query.
  const size_t hash = query->find('#');
  if (hash != std::string_view::npos) *query = query->substr(0, hash);
}

Result<QueryParams> ParseQueryString(std::string_view raw) {
  QueryParams params;
  size_t start = 0;
  while (start <= raw.size()) {
    size_t end = raw.find('&', start);
    if (end == std::string_view::npos) end = raw.size();
    const std::string_view piece = raw.substr(start, end - start);
    start = end + 1;
    if (piece.empty()) continue;
    const size_t eq = piece.find('=');
    Result<std::string> name = PercentDecode(piece.substr(0, eq), true, "parameter name");
    if (!name.ok()) return name.status();
    if (name.value().empty()) return Status::InvalidArgument("parameter without a name: \"" + Shown(piece) + "\"");
    std::string value;
    if (eq != std::string_view::npos) {
      Result<std::string> v = PercentDecode(piece.substr(eq + 1), true, name.value());
      if (!v.ok()) return v.status();
      value = std::move(v.value());
    }
    params.push_back({std::move(name.value()), std::move(value)});
  }
  return params;
}

Status CheckKnownParams(const QueryParams& params, const std::vector<std::string>& allowed) {
  for (const auto& p : params) {
    if (std::find(allowed.begin(), allowed.end(), p.name) != allowed.end()) continue;
    std::string list;
    for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
    return Status::InvalidArgument("unknown parameter: " + Shown(p.name) +
                                   (list.empty() ? " (this endpoint takes none)" : " (known: " + list + ")"));
  }
  return Status::Ok();
}

const std::vector<std::string>& SearchParamNames() {
  static const std::vector<std::string> names = WithFilters({"sort", "page", "per_page", "cursor"});
  return names;
}

const std::vector<std::string>& RelatedParamNames() {
  static const std::vector<std::string> names = {"type", "across", "limit", "cursor"};
  return names;
}

const std::vector<std::string>& GraphParamNames() {
  static const std::vector<std::string> names = {"depth", "rel", "limit"};
  return names;
}

const std::vector<std::string>& MatchParamNames() {
  static const std::vector<std::string> names = {"seed", "company", "limit", "cursor"};
  return names;
}

const std::vector<std::string>& CrosslinksParamNames() {
  static const std::vector<std::string> names = WithFilters({"rows", "cols"});
  return names;
}

const std::vector<std::string>& IndicatorsParamNames() {
  static const std::vector<std::string> names = WithFilters({"by", "drill", "key", "per_page", "cursor"});
  return names;
}

const std::vector<std::string>& ExportParamNames() {
  static const std::vector<std::string> names = WithFilters({"sort", "format", "bom"});
  return names;
}

const std::vector<std::string>& PairingParamNames() {
  static const std::vector<std::string> names = {"months", "limit", "per_topic", "today", "project", "disease_area", "cursor"};
  return names;
}

Result<SearchRequest> ParseSearchParams(const QueryParams& params, const SearchParamLimits& limits) {
  SearchRequest request;
  Result<std::string> q = SingleParam(params, "q");
  if (!q.ok()) return q.status();
  if (q.value().size() > limits.max_query_bytes) {
    return Status::InvalidArgument("q: longer than " + std::to_string(limits.max_query_bytes) + " bytes");
  }
  request.q = std::move(q.value());
  // Expansion names to leave out (the UI's × on an expansion chip).
  request.drop = RepeatedParam(params, "drop");
  if (request.drop.size() > 64) return Status::InvalidArgument("drop: at most 64 names");
  for (const std::string& d : request.drop) {
    if (d.size() > 200) return Status::InvalidArgument("drop: a name is at most 200 bytes");
  }
  Result<std::string> sort = SingleParam(params, "sort");
  if (!sort.ok()) return sort.status();
  if (!sort.value().empty()) request.sort = sort.value();
  const std::pair<const char*, int*> ints[] = {{"page", &request.page},
                                                {"per_page", &request.per_page},
                                                {"year_from", &request.year_from},
                                                {"year_to", &request.year_to}};
  for (const auto& [name, slot] : ints) {
    Status s = OptionalInt(params, name, slot);
    if (!s.ok()) return s;
  }
  for (const auto& filter : FilterNames()) {
    for (const auto& p : params) {
      // Empty values come from "any" choices in forms: no constraint.
      if (p.name == filter && !p.value.empty()) request.filters[filter].push_back(p.value);
    }
  }
  return request;
}

}  // namespace seedgraph
