// Helpers shared by the fuzz harnesses (fuzz/*_fuzzer.cpp).
//
// A harness states an invariant with FUZZ_CHECK: when it fails, the message
// and the input's fault are printed and the process aborts, which libFuzzer
// (and the replay main) report as a crash with the input saved.
#pragma once

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>
#include <tuple>

#include "schema/record.h"

#define FUZZ_CHECK(cond, what)                                                      \
  do {                                                                              \
    if (!(cond)) ::seedgraph::fuzz::Fail(__FILE__, __LINE__, #cond, (what));        \
  } while (0)

namespace seedgraph::fuzz {

[[noreturn]] inline void Fail(const char* file, int line, const char* cond, const std::string& what) {
  std::fprintf(stderr, "%s:%d: invariant broken: %s\n  %s\n", file, line, cond, what.c_str());
  std::abort();
}

// Every field, so two records compare equal exactly when they are the same
// record (Record has no operator==; C++17 cannot default one).
inline auto Fields(const Record& r) {
  return std::tie(r.id, r.type, r.title.ja, r.title.en, r.text.ja, r.text.en, r.keywords, r.date, r.year, r.project,
                  r.disease_areas, r.modalities, r.stage, r.identifiers, r.visibility, r.attrs_json);
}

inline bool SameLinks(const Record& a, const Record& b) {
  if (a.links.size() != b.links.size()) return false;
  for (size_t i = 0; i < a.links.size(); ++i) {
    const Link &x = a.links[i], &y = b.links[i];
    if (std::tie(x.rel, x.to, x.date) != std::tie(y.rel, y.to, y.date)) return false;
  }
  return true;
}

inline bool SameRecord(const Record& a, const Record& b) { return Fields(a) == Fields(b) && SameLinks(a, b); }

// A directory of this process's own (libFuzzer may run several processes
// side by side): importers read files, and a fuzzer writes one per input.
// Under $TMPDIR when set (scripts/fuzz.sh points it into build-asan/, so what
// a crashed run leaves is removed with the next), else on tmpfs if there is
// one.  Removed when the process ends normally.
class ScratchDir {
 public:
  ScratchDir() {
    const char* tmp = std::getenv("TMPDIR");
    std::filesystem::path base = "/tmp";
    if (tmp != nullptr && *tmp != '\0') base = tmp;
    else if (std::filesystem::is_directory("/dev/shm")) base = "/dev/shm";
    path_ = base / ("seedgraph-fuzz-" + std::to_string(getpid()));
    std::filesystem::create_directories(path_);
  }
  ~ScratchDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchDir(const ScratchDir&) = delete;
  ScratchDir& operator=(const ScratchDir&) = delete;

  // Writes `bytes` to `name` inside the directory (replacing it); its path.
  std::string Write(const std::string& name, std::string_view bytes) const {
    const std::string file = (path_ / name).string();
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    FUZZ_CHECK(out.good(), "cannot write " + file);
    return file;
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

}  // namespace seedgraph::fuzz
