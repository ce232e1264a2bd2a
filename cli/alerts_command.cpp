// `seedgraph alerts`: every user's alerts as JSON lines, for a cron job
// that mails officers (issue 14).  Each user reads the index with the role
// their tokens give (the tokens file), so an alert never names a record
// the user may not see; users no token names are skipped and reported.
#include <iostream>

#include "cli/commands.h"
#include "cli/flags.h"
#include "query/index_view.h"
#include "schema/analyzer.h"
#include "web/alerts_report.h"
#include "web/tokens.h"

namespace seedgraph {
namespace {

constexpr const char* kAlertsUsage = R"(usage: seedgraph alerts --db DIR --state FILE --tokens FILE [OPTIONS]

Prints, for each user of the state file (serve --state), one JSON line:
{"user", "unread", "items": [{"name", "changed", "records": [...]}]}, what
their saved searches and watches gained since they last looked (or since
--since), read with the role of their tokens.

options:
  --since WHEN     a Seedgraph-Revision (as the items list or an answer's
                   header named it: "12.4"), or YYYY-MM-DD or
                   YYYY-MM-DDTHH:MM:SSZ (UTC): changes since then, for every
                   item, instead of since the last look
  --user U         this user only
  --mark-seen      mark what was printed as seen (as the UI's 既読)
exit codes: 0 ok, 2 usage error, 3 runtime failure
)";

}  // namespace

int RunAlerts(int argc, char** argv) {
  Flags flags({"help", "mark-seen"}, {"db", "state", "tokens", "since", "user"});
  std::string err = flags.Parse(argc, argv, 1);
  if (err.empty() && flags.Has("help")) {
    std::cout << kAlertsUsage;
    return kExitOk;
  }
  AlertOptions options;
  for (const char* required : {"db", "state", "tokens"}) {
    if (err.empty() && !flags.Has(required)) err = std::string("--") + required + " is required";
  }
  const std::string since = flags.Get("since");
  const bool revision = !since.empty() && since.find_first_not_of("0123456789.") == std::string::npos;
  if (err.empty() && flags.Has("since") && !revision && !StampOfIso(since, &options.since)) {
    err = "--since must be a revision (12.4), YYYY-MM-DD or YYYY-MM-DDTHH:MM:SSZ";
  }
  if (!err.empty()) {
    std::cerr << "seedgraph alerts: " << err << "\n\n" << kAlertsUsage;
    return kExitUsage;
  }
  auto fail = [](const Status& s) {
    std::cerr << "seedgraph alerts: " << s.message() << "\n";
    return kExitFailure;
  };
  Result<TokenTable> tokens = TokenTable::Load(flags.Get("tokens"));
  if (!tokens.ok()) return fail(tokens.status());
  Result<std::unique_ptr<StateStore>> state = StateStore::Open(flags.Get("state"));
  if (!state.ok()) return fail(state.status());
  if (revision) {
    Result<double> stamp = state.value()->StampOfRevision(since);
    if (!stamp.ok()) return fail(stamp.status());
    options.since = stamp.value();
  }
  Result<std::vector<std::string>> users = state.value()->Users();
  if (!users.ok()) return fail(users.status());
  Analyzer analyzer;
  for (const std::string& user : users.value()) {
    if (flags.Has("user") && user != flags.Get("user")) continue;
    Role role;
    if (!tokens.value().RoleOfUser(user, &role)) {
      std::cerr << "seedgraph alerts: skipped " << user << ": no token of the tokens file names this user\n";
      continue;
    }
    Result<IndexView> view = IndexView::Open(flags.Get("db"), role);
    if (!view.ok()) return fail(view.status());
    Result<std::vector<ItemAlert>> alerts = UserAlerts(view.value(), analyzer, *state.value(), user, options);
    if (!alerts.ok()) return fail(alerts.status());
    std::cout << AlertsJson(alerts.value(), user) << "\n";
    if (flags.Has("mark-seen")) {
      Status seen = state.value()->MarkSeen(user, NewestStamp(view.value()), view.value().revision());
      if (!seen.ok()) return fail(seen);
    }
  }
  return kExitOk;
}

}  // namespace seedgraph
