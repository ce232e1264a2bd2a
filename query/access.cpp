#include "query/access.h"

#include <vector>

#include "schema/index_layout.h"
#include "schema/vocab.h"

namespace seedgraph {

bool ParseRole(std::string_view name, Role* role) {
  if (name == "public") *role = Role::kPublic;
  else if (name == "officer") *role = Role::kOfficer;
  else if (name == "admin") *role = Role::kAdmin;
  else return false;
  return true;
}

const char* RoleName(Role role) {
  switch (role) {
    case Role::kOfficer: return "officer";
    case Role::kAdmin: return "admin";
    case Role::kPublic: break;
  }
  return "public";
}

bool MayView(Role role, std::string_view visibility) {
  int rank = VisibilityRank(visibility);
  // public records: everyone; internal: officer and admin; restricted: admin.
  return rank >= 0 && rank <= static_cast<int>(role);
}

namespace {

// The visibility codes of rank 0 .. the role's, in vocabulary order.
std::vector<std::string> VisibleLevels(Role role) {
  std::vector<std::string> out;
  for (const auto& e : Visibilities().entries) {
    if (MayView(role, e.code)) out.push_back(e.code);
  }
  return out;
}

}  // namespace

Xapian::Query VisibleFilter(Role role) {
  const std::vector<std::string> levels = VisibleLevels(role);
  if (levels.size() == Visibilities().entries.size()) return MatchAllQuery();
  std::vector<Xapian::Query> terms;
  for (const auto& l : levels) terms.emplace_back(MakeTerm(prefix::kVisibility, l));
  return Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end());
}

Xapian::doccount CountVisible(const Xapian::Database& db, Role role) {
  const std::vector<std::string> levels = VisibleLevels(role);
  if (levels.size() == Visibilities().entries.size()) return db.get_doccount();
  Xapian::doccount n = 0;
  for (const auto& l : levels) n += db.get_termfreq(MakeTerm(prefix::kVisibility, l));
  return n;
}

}  // namespace seedgraph
