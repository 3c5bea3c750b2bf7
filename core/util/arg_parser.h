#pragma once
// A small, strict option parser: every option is declared, anything else is a usage error (exit 2).
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace vitlens {

// Bad options or arguments, a device that is not available: exit code 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  // flags take no value (--json); valued options take one (--model FILE or --model=FILE).
  Args(const std::vector<std::string>& arguments, const std::set<std::string>& flags,
       const std::set<std::string>& valued);

  bool has(const std::string& name) const;
  std::optional<std::string> value(const std::string& name) const;
  std::string valueOr(const std::string& name, const std::string& fallback) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

  int intValue(const std::string& name, int fallback, int min, int max) const;
  double doubleValue(const std::string& name, double fallback, double min, double max) const;

 private:
  std::set<std::string> flagsSeen_;
  std::map<std::string, std::string> values_;
  std::vector<std::string> positionals_;
};

// Output files are never overwritten unless --force is given.
void checkWritable(const std::string& path, bool force);

}  // namespace vitlens
