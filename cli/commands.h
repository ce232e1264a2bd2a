// The subcommands of `seedgraph` (CONTRACT.md §2).  Each returns the exit
// code: 0 ok, 1 some input rejected (or a record not found), 2 usage error,
// 3 runtime failure.
#pragma once

namespace seedgraph {

enum ExitCode { kExitOk = 0, kExitRejected = 1, kExitUsage = 2, kExitFailure = 3 };

// Writer threads for a new index (`index --jobs`, and `demo`): the two cores
// of the machines we target.  Fixed rather than nproc, so a given input
// gives the same document order on every machine.
constexpr int kDefaultIndexJobs = 2;

// argv[0] is the subcommand name.
int RunIndex(int argc, char** argv);
int RunConvert(int argc, char** argv);
int RunResolve(int argc, char** argv);
int RunSearch(int argc, char** argv);
int RunExport(int argc, char** argv);
int RunAlerts(int argc, char** argv);
int RunGet(int argc, char** argv);
int RunServe(int argc, char** argv);
int RunDemo(int argc, char** argv);
int RunEval(int argc, char** argv);  // cli/eval_command.cpp

}  // namespace seedgraph
