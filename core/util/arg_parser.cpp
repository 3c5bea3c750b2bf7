#include "util/arg_parser.h"

#include <sys/stat.h>

#include <cmath>
#include <cstdio>

#include "util/input_file.h"

namespace vitlens {
namespace {

// 0.99 as "0.99", 1e6 as "1e+06": what a person would type, not std::to_string's "0.990000".
std::string numberText(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", value);
  return text;
}

}  // namespace

Args::Args(const std::vector<std::string>& arguments, const std::set<std::string>& flags,
           const std::set<std::string>& valued) {
  bool onlyPositionals = false;
  for (size_t i = 0; i < arguments.size(); ++i) {
    const std::string& arg = arguments[i];
    if (onlyPositionals || arg.size() < 2 || arg.rfind("--", 0) != 0) {
      if (!onlyPositionals && arg.size() > 1 && arg[0] == '-') throw UsageError("unknown option '" + arg + "'");
      positionals_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      onlyPositionals = true;
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inlineValue;
    if (const auto eq = name.find('='); eq != std::string::npos) {
      inlineValue = name.substr(eq + 1);
      name = name.substr(0, eq);
    }
    if (flags.count(name)) {
      if (inlineValue) throw UsageError("option --" + name + " takes no value");
      flagsSeen_.insert(name);
    } else if (valued.count(name)) {
      if (!inlineValue) {
        if (i + 1 >= arguments.size()) throw UsageError("option --" + name + " needs a value");
        inlineValue = arguments[++i];
      }
      // An empty value is never what was meant: `--model ""` would otherwise silently mean the built-in model.
      if (inlineValue->empty()) throw UsageError("option --" + name + " was given an empty value");
      values_[name] = *inlineValue;
    } else {
      throw UsageError("unknown option '--" + name + "'");
    }
  }
}

bool Args::has(const std::string& name) const { return flagsSeen_.count(name) > 0 || values_.count(name) > 0; }

std::optional<std::string> Args::value(const std::string& name) const {
  const auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Args::valueOr(const std::string& name, const std::string& fallback) const {
  return value(name).value_or(fallback);
}

int Args::intValue(const std::string& name, int fallback, int min, int max) const {
  const auto text = value(name);
  if (!text) return fallback;
  size_t used = 0;
  long parsed = 0;
  try {
    parsed = std::stol(*text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text->size() || parsed < min || parsed > max) {
    throw UsageError("--" + name + " must be a whole number from " + std::to_string(min) + " to " +
                     std::to_string(max) + " (got '" + *text + "')");
  }
  return static_cast<int>(parsed);
}

double Args::doubleValue(const std::string& name, double fallback, double min, double max) const {
  const auto text = value(name);
  if (!text) return fallback;
  size_t used = 0;
  double parsed = 0;
  try {
    parsed = std::stod(*text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text->size() || !std::isfinite(parsed) || parsed < min || parsed > max) {
    throw UsageError("--" + name + " must be a number from " + numberText(min) + " to " + numberText(max) + " (got '" +
                     *text + "')");
  }
  return parsed;
}

void checkWritable(const std::string& path, bool force) {
  if (path.empty()) throw UsageError("an output file name is empty");
  struct stat info {};
  if (::lstat(path.c_str(), &info) != 0) return;
  if (S_ISDIR(info.st_mode)) throw UsageError(path + " is a folder; give a file name");
  // --force replaces a file, never a device, a FIFO or a symbolic link (renaming over /dev/null as root would
  // replace the device node itself).
  if (!S_ISREG(info.st_mode)) {
    throw UsageError(path + " exists and is not a regular file (" + fileTypeName(info.st_mode) +
                     "); vitlens only replaces regular files, even with --force");
  }
  if (!force) throw UsageError(path + " already exists; pass --force to overwrite it");
}

}  // namespace vitlens
