#include "web/cursor.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <utility>

#include "schema/hash.h"

namespace seedgraph {
namespace {

constexpr char kPrefix[] = "c1.";
constexpr char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
constexpr size_t kMaxCursorBytes = 512;

std::string Hex64(uint64_t h) {
  char buf[17];
  std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

std::string Base64Url(const std::string& in) {
  std::string out;
  uint32_t acc = 0;
  int bits = 0;
  for (unsigned char c : in) {
    acc = (acc << 8) | c;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(acc >> bits) & 63];
    }
  }
  if (bits > 0) out += kAlphabet[(acc << (6 - bits)) & 63];
  return out;
}

bool FromBase64Url(const std::string& in, std::string* out) {
  uint32_t acc = 0;
  int bits = 0;
  for (char c : in) {
    const char* at = std::find(kAlphabet, kAlphabet + 64, c);
    if (at == kAlphabet + 64) return false;
    acc = (acc << 6) | static_cast<uint32_t>(at - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      *out += static_cast<char>((acc >> bits) & 0xFF);
    }
  }
  return true;
}

Status Bad(const std::string& why) {
  return Status::InvalidArgument("cursor: " + why + " (use the next_cursor of an answer as given, or start again without it)");
}

}  // namespace

std::string EncodeCursor(const Cursor& c) {
  const std::string body = c.revision + "|" + std::to_string(c.offset) + "|" + c.request;
  return kPrefix + Base64Url(body + "|" + Hex64(Fnv1a64(body)));
}

Result<Cursor> DecodeCursor(const std::string& text) {
  if (text.size() > kMaxCursorBytes || text.compare(0, sizeof(kPrefix) - 1, kPrefix) != 0) {
    return Bad("not a cursor of this server");
  }
  std::string raw;
  if (!FromBase64Url(text.substr(sizeof(kPrefix) - 1), &raw)) return Bad("not a cursor of this server");
  const size_t check = raw.rfind('|');
  if (check == std::string::npos || raw.substr(check + 1) != Hex64(Fnv1a64(raw.substr(0, check)))) {
    return Bad("changed or cut short");
  }
  const std::string body = raw.substr(0, check);
  const size_t a = body.find('|'), b = a == std::string::npos ? a : body.find('|', a + 1);
  if (b == std::string::npos) return Bad("changed or cut short");
  Cursor c;
  c.revision = body.substr(0, a);
  const std::string offset = body.substr(a + 1, b - a - 1);
  c.request = body.substr(b + 1);
  if (offset.empty() || offset.size() > 10 || offset.find_first_not_of("0123456789") != std::string::npos) {
    return Bad("changed or cut short");
  }
  c.offset = std::stoull(offset);
  return c;
}

std::string RequestDigest(const QueryParams& params) {
  std::vector<std::pair<std::string, std::string>> kept;
  for (const auto& p : params) {
    if (p.name != "cursor" && p.name != "page" && p.name != "per_page") kept.emplace_back(p.name, p.value);
  }
  std::sort(kept.begin(), kept.end());
  uint64_t h = Fnv1a64("");
  for (const auto& [name, value] : kept) h = Fnv1a64(value + '\x1f', Fnv1a64(name + '\x1e', h));
  return Hex64(h);
}

Result<std::optional<Cursor>> CursorOf(const QueryParams& params) {
  Result<std::string> text = SingleParam(params, "cursor");
  if (!text.ok()) return text.status();
  if (text.value().empty()) return std::optional<Cursor>();
  Result<Cursor> cursor = DecodeCursor(text.value());
  if (!cursor.ok()) return cursor.status();
  if (cursor.value().request != RequestDigest(params)) {
    return Bad("it belongs to another request (q, filters and sort must stay as they were)");
  }
  return std::optional<Cursor>(std::move(cursor.value()));
}

Result<ListPage> ListPageOf(const QueryParams& params) {
  Result<std::optional<Cursor>> cursor = CursorOf(params);
  if (!cursor.ok()) return cursor.status();
  ListPage page;
  if (cursor.value()) {
    page.offset = cursor.value()->offset;
    page.revision = cursor.value()->revision;
  }
  return page;
}

std::string NextCursor(bool more, const std::string& revision, unsigned long long offset, const QueryParams& params) {
  return more && !revision.empty() ? EncodeCursor({revision, offset, RequestDigest(params)}) : "";
}

std::string WithNextCursor(std::string json_object, const std::string& cursor) {
  if (cursor.empty() || json_object.empty() || json_object.back() != '}') return json_object;
  json_object.pop_back();
  if (json_object.size() > 1) json_object += ',';
  return json_object + "\"next_cursor\":\"" + cursor + "\"}";
}

}  // namespace seedgraph
