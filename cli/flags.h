// A small command-line flag parser: "--name value", "--name=value",
// "--switch", and positional arguments; repeated flags keep every value.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace seedgraph {

class Flags {
 public:
  // `switches` take no value; `valued` take one.  Anything else starting
  // with "--" is an error (reported by Parse).
  Flags(std::set<std::string> switches, std::set<std::string> valued)
      : switches_(std::move(switches)), valued_(std::move(valued)) {}

  // Returns "" on success, else a usage error message.
  std::string Parse(int argc, char** argv, int first);

  bool Has(const std::string& name) const { return values_.count(name) > 0; }
  std::string Get(const std::string& name, const std::string& fallback = "") const;
  const std::vector<std::string>& All(const std::string& name) const;
  const std::vector<std::string>& positional() const { return positional_; }

 private:
  std::set<std::string> switches_, valued_;
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positional_;
};

// Strict integer parsing for flag values; false on junk or overflow.
bool ParseInt(const std::string& s, int* out);

}  // namespace seedgraph
