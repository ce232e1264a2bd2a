#include "cli/flags.h"

#include <cerrno>
#include <climits>
#include <cstdlib>

namespace seedgraph {

std::string Flags::Parse(int argc, char** argv, int first) {
  for (int i = first; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") {
      for (++i; i < argc; ++i) positional_.push_back(argv[i]);
      break;
    }
    if (arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      positional_.push_back(arg);  // includes "-" (stdin)
      continue;
    }
    std::string name = arg.substr(2), value;
    const size_t eq = name.find('=');
    const bool inline_value = eq != std::string::npos;
    if (inline_value) {
      value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (switches_.count(name)) {
      if (inline_value) return "--" + name + " takes no value";
      values_[name].push_back("1");
    } else if (valued_.count(name)) {
      if (!inline_value) {
        if (i + 1 >= argc) return "--" + name + " needs a value";
        value = argv[++i];
      }
      values_[name].push_back(value);
    } else {
      return "unknown option --" + name;
    }
  }
  return "";
}

std::string Flags::Get(const std::string& name, const std::string& fallback) const {
  auto it = values_.find(name);
  return it == values_.end() ? fallback : it->second.back();
}

const std::vector<std::string>& Flags::All(const std::string& name) const {
  static const std::vector<std::string> kNone;
  auto it = values_.find(name);
  return it == values_.end() ? kNone : it->second;
}

bool ParseInt(const std::string& s, int* out) {
  if (s.empty() || s.size() > 10) return false;
  char* end = nullptr;
  errno = 0;
  long v = std::strtol(s.c_str(), &end, 10);
  if (errno != 0 || *end != '\0' || v < INT_MIN || v > INT_MAX) return false;
  *out = static_cast<int>(v);
  return true;
}

}  // namespace seedgraph
