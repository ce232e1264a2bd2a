// Who is asking: the caller's role decides which records exist for them.
//
// public: public records only; officer: public + internal; admin: all.
// Every query function takes a Role and applies it inside the Xapian query
// (a boolean filter), so hidden records never reach totals, facets or hits.
#pragma once

#include <string>
#include <string_view>

namespace seedgraph {

enum class Role { kPublic = 0, kOfficer = 1, kAdmin = 2 };

// "public" / "officer" / "admin"; false for anything else.
bool ParseRole(std::string_view name, Role* role);
const char* RoleName(Role role);

// True when a record of this visibility may be shown to the role.
bool MayView(Role role, std::string_view visibility);

}  // namespace seedgraph
