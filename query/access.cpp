#include "query/access.h"

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

}  // namespace seedgraph
