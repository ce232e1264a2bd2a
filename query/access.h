// Who is asking: the caller's role decides which records exist for them.
//
// public: public records only; officer: public + internal; admin: all.
// Every query function takes a Role and applies it inside the Xapian query
// (a boolean filter), so hidden records never reach totals, facets or hits.
// This file is the one home of that rule: MayView checks one record,
// VisibleFilter restricts a query, CountVisible counts, all from the
// vocabulary's visibility levels in rank order (schema/vocab.h).
#pragma once

#include <string>
#include <string_view>

#include <xapian.h>

namespace seedgraph {

enum class Role { kPublic = 0, kOfficer = 1, kAdmin = 2 };

// "public" / "officer" / "admin"; false for anything else.
bool ParseRole(std::string_view name, Role* role);
const char* RoleName(Role role);

// True when a record of this visibility may be shown to the role.
bool MayView(Role role, std::string_view visibility);

// A query matching every document, and one matching none.  Never copy
// Xapian::Query::MatchAll or MatchNothing: they are process-wide objects
// whose reference counts are not atomic, so copies made by concurrent
// requests corrupt the heap (a crash in HttpTest.ConcurrentRequestsAgree).
inline Xapian::Query MatchAllQuery() { return Xapian::Query(std::string()); }
inline Xapian::Query MatchNothingQuery() { return Xapian::Query(); }

// The records the role may see, as a boolean query on the visibility terms
// (MatchAll for admin, who sees every level).
Xapian::Query VisibleFilter(Role role);

// How many records the role may see (exact: one term frequency per level).
Xapian::doccount CountVisible(const Xapian::Database& db, Role role);

}  // namespace seedgraph
