#include "web/tokens.h"

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <vector>

#include "schema/hash.h"

namespace seedgraph {
namespace {

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\r'; }

// Equality whose time depends on the lengths only, not on the contents.
bool ConstantTimeEquals(std::string_view a, std::string_view b) {
  unsigned char diff = a.size() == b.size() ? 0 : 1;
  const std::string_view& longer = a.size() >= b.size() ? a : b;
  const std::string_view& other = a.size() >= b.size() ? b : a;
  for (size_t i = 0; i < longer.size(); ++i) {
    const unsigned char o = i < other.size() ? static_cast<unsigned char>(other[i]) : 0;
    diff |= static_cast<unsigned char>(longer[i]) ^ o;
  }
  return diff == 0;
}

// Whitespace-separated fields of a line, up to a comment.
std::vector<std::string_view> Fields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && IsSpace(line[i])) ++i;
    if (i == line.size() || line[i] == '#') break;
    const size_t start = i;
    while (i < line.size() && !IsSpace(line[i])) ++i;
    fields.push_back(line.substr(start, i - start));
  }
  return fields;
}

// A user name for a token the file names no user for: a digest of the token
// (FNV-1a, 64 bits), so that saved searches stay with the token, and the
// state file holds no token.
std::string TokenUser(std::string_view token) {
  const uint64_t h = Fnv1a64(token);
  static const char kHex[] = "0123456789abcdef";
  std::string out = "token-";
  for (int i = 60; i >= 0; i -= 4) out += kHex[(h >> i) & 15];
  return out;
}

}  // namespace

Result<TokenTable> TokenTable::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError(path + ": cannot read the tokens file");
  std::ostringstream text;
  text << in.rdbuf();
  return Parse(text.str(), path);
}

Result<TokenTable> TokenTable::Parse(std::string_view text, const std::string& name) {
  TokenTable table;
  size_t line_no = 0;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_no;
    const std::vector<std::string_view> f = Fields(line);
    if (f.empty()) continue;
    const std::string where = name + ":" + std::to_string(line_no) + ": ";
    if (f.size() != 2 && f.size() != 3) return Status::InvalidArgument(where + "expected \"TOKEN ROLE [USER]\"");
    Role role;
    if (!ParseRole(f[1], &role)) {
      return Status::InvalidArgument(where + "unknown role \"" + std::string(f[1].substr(0, 40)) +
                                     "\" (public, officer or admin)");
    }
    // A token given twice with two roles is ambiguous; refuse rather than pick.
    Holder holder{role, f.size() == 3 ? std::string(f[2]) : TokenUser(f[0])};
    if (holder.user.size() > 100) return Status::InvalidArgument(where + "a user name is at most 100 bytes");
    if (!table.roles_.emplace(std::string(f[0]), std::move(holder)).second) {
      return Status::InvalidArgument(where + "token given more than once");
    }
  }
  return table;
}

bool TokenTable::RoleOfUser(const std::string& user, Role* role) const {
  bool found = false;
  for (const auto& [token, holder] : roles_) {
    if (holder.user != user) continue;
    if (!found || static_cast<int>(holder.role) < static_cast<int>(*role)) *role = holder.role;
    found = true;
  }
  return found;
}

TokenTable::Auth TokenTable::Authenticate(bool has_header, std::string_view header, Role* role, std::string* why,
                                          std::string* user) const {
  *role = Role::kPublic;
  if (user != nullptr) user->clear();
  if (!has_header) return Auth::kOk;
  // The scheme is case-insensitive (RFC 9110 §11.1); the token is taken
  // exactly as sent: no percent-decoding (the server passes the raw header).
  constexpr std::string_view kScheme = "bearer";
  const bool bearer = header.size() > kScheme.size() && IsSpace(header[kScheme.size()]) &&
                      std::equal(kScheme.begin(), kScheme.end(), header.begin(),
                                 [](char a, char b) { return a == std::tolower(static_cast<unsigned char>(b)); });
  if (!bearer) {
    *why = "Authorization: expected \"Bearer TOKEN\"";
    return Auth::kUnauthorized;
  }
  std::string_view token = header.substr(kScheme.size());
  while (!token.empty() && IsSpace(token.front())) token.remove_prefix(1);
  while (!token.empty() && IsSpace(token.back())) token.remove_suffix(1);
  // Every known token is compared, each in time independent of where it
  // differs, so the answer time tells nothing about a token's prefix.
  bool found = false;
  for (const auto& [known, holder] : roles_) {
    if (ConstantTimeEquals(token, known)) {
      found = true;
      *role = holder.role;
      if (user != nullptr) *user = holder.user;
    }
  }
  if (!found) {
    *role = Role::kPublic;
    *why = "unknown token";  // never echo the token: it may be someone's typoed secret
    return Auth::kUnauthorized;
  }
  return Auth::kOk;
}

}  // namespace seedgraph
