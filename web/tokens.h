// Bearer tokens -> roles (CONTRACT.md §3, "Access").
//
// The tokens file has one "TOKEN ROLE [USER]" line per token (USER names
// whose saved searches and watches these are; without it, a digest of the
// token does); '#' starts a comment
// (at the start of a line or after whitespace, so a token may contain '#');
// blank lines are ignored.  Any other line makes loading fail with
// "file:line: reason": a server that silently dropped an admin token would
// be misconfigured in a way nobody notices.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "query/access.h"
#include "schema/status.h"

namespace seedgraph {

class TokenTable {
 public:
  // An empty table: every request is public.
  TokenTable() = default;

  // Reads `path`; kIOError when it cannot be read, kInvalidArgument with
  // "path:line: reason" for a bad line.
  static Result<TokenTable> Load(const std::string& path);
  // The same rules over text already in memory; `name` prefixes messages.
  static Result<TokenTable> Parse(std::string_view text, const std::string& name);

  size_t size() const { return roles_.size(); }

  enum class Auth { kOk, kUnauthorized };
  // The role of a request from its Authorization header: no header means
  // public; "Bearer <known token>" gives the token's role.  A malformed
  // header or an unknown token is kUnauthorized (with *why set): guessing
  // "public" would hide a typo in a script's token behind empty results.
  // *user (when given) gets the token's user ("" without a token).
  Auth Authenticate(bool has_header, std::string_view header, Role* role, std::string* why,
                    std::string* user = nullptr) const;
  // The role of a user's tokens (the least of them when several differ);
  // false for a user no token has.  For `seedgraph alerts`, which has no
  // request to authenticate.
  bool RoleOfUser(const std::string& user, Role* role) const;

 private:
  struct Holder {
    Role role;
    std::string user;
  };
  std::map<std::string, Holder, std::less<>> roles_;
};

}  // namespace seedgraph
