#include "model/memory_estimate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <locale>
#include <sstream>

#include "util/malloc_tuning.h"

namespace vitlens {
namespace {

uint64_t g_memoryLimit = 0;  // set once from the command line before any work starts

uint64_t saturatingBytes(double bytes) {
  return bytes >= 1.8e19 ? UINT64_MAX : static_cast<uint64_t>(std::ceil(bytes));
}

uint64_t memAvailableFromProc() {
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  uint64_t kilobytes = 0;
  std::string unit;
  while (meminfo >> key >> kilobytes >> unit) {
    if (key == "MemAvailable:") return kilobytes * 1024;
  }
  return 0;
}

// A number from a one-line cgroup file, or 0 when absent or "max" (no limit).
uint64_t cgroupValue(const char* path) {
  std::ifstream in(path);
  std::string text;
  if (!(in >> text) || text.empty() || text.find_first_not_of("0123456789") != std::string::npos) return 0;
  try {
    return std::stoull(text);
  } catch (const std::exception&) {
    return 0;
  }
}

// What a container's memory limit leaves (cgroup v2, else v1); 0 when there is no limit. MemAvailable reports the
// host's memory, so inside `docker run --memory=2g` it alone would allow a pass the OOM killer then ends.
uint64_t cgroupHeadroom() {
  uint64_t limit = cgroupValue("/sys/fs/cgroup/memory.max");
  uint64_t used = cgroupValue("/sys/fs/cgroup/memory.current");
  if (limit == 0) {
    limit = cgroupValue("/sys/fs/cgroup/memory/memory.limit_in_bytes");
    used = cgroupValue("/sys/fs/cgroup/memory/memory.usage_in_bytes");
  }
  if (limit == 0 || limit >= (1ull << 60)) return 0;  // v1 reports "no limit" as a huge number
  return limit > used ? limit - used : 1;
}

}  // namespace

uint64_t estimatePassBytes(const VitConfig& config, int64_t batch, PassKind kind, int64_t capturedLayers) {
  const double b = static_cast<double>(batch);
  const double n = static_cast<double>(config.numTokens());
  const double d = static_cast<double>(config.embedDim);
  const double m = static_cast<double>(config.mlpDim);
  const double h = static_cast<double>(config.numHeads);
  const double l = static_cast<double>(config.depth);
  const double activations = b * n * (6 * d + 2 * m);
  const double attention = b * h * n * n;
  const double input = b * static_cast<double>(config.channels * config.imageHeight * config.imageWidth);
  double values = input + activations + 3 * attention;
  if (kind == PassKind::InferenceCaptured)
    values += (capturedLayers < 0 ? l : static_cast<double>(capturedLayers)) * attention;
  if (kind == PassKind::Training) {
    values = input + l * (activations + 3 * attention) + 4 * static_cast<double>(config.parameterCount());
  }
  return saturatingBytes(4 * values);
}

void setMemoryLimit(uint64_t bytes) { g_memoryLimit = bytes; }

uint64_t parseMemorySize(const std::string& text) {
  const auto refuse = [&] {
    throw std::invalid_argument("memory size '" + text + "' must be a number with an optional K, M, G or T suffix");
  };
  if (text.empty() || text.size() > 24) refuse();
  // The classic locale, whatever the application set (QApplication adopts the user's: "1.5" is not a number
  // in a German one).
  std::istringstream in(text);
  in.imbue(std::locale::classic());
  double value = 0;
  if (!(in >> value)) refuse();
  const std::streampos consumed = in.tellg();
  const size_t used = consumed < 0 ? text.size() : static_cast<size_t>(consumed);
  double scale = 1;
  const std::string suffix = text.substr(used);
  if (suffix == "K" || suffix == "k")
    scale = 1e3;
  else if (suffix == "M" || suffix == "m")
    scale = 1e6;
  else if (suffix == "G" || suffix == "g")
    scale = 1e9;
  else if (suffix == "T" || suffix == "t")
    scale = 1e12;
  else if (!suffix.empty())
    refuse();
  if (!std::isfinite(value) || value * scale < 1.0 || value * scale > 1e18) refuse();
  return static_cast<uint64_t>(value * scale);
}

uint64_t availableMemoryBytes() {
  if (g_memoryLimit > 0) return g_memoryLimit;
  if (const char* fromEnvironment = std::getenv("VITLENS_MEMORY_LIMIT"); fromEnvironment && *fromEnvironment) {
    try {
      return parseMemorySize(fromEnvironment);
    } catch (const std::invalid_argument&) {
      // A bad variable is ignored rather than making every model unusable; the machine's figure applies.
    }
  }
  // What this process's malloc holds free (after a large batch up to 1 GiB, util/malloc_tuning.h) is counted as
  // used by the system, but the next pass reuses it.
  const uint64_t heldFree = mallocFreeBytes();
  const uint64_t host = memAvailableFromProc();
  const uint64_t container = cgroupHeadroom();
  if (container == 0) return host == 0 ? 0 : host + heldFree;
  return (host == 0 ? container : std::min(host, container)) + heldFree;
}

std::string memoryText(uint64_t bytes) {
  char text[32];
  const double value = static_cast<double>(bytes);
  if (value >= 1e18) return "more than 1 EB";
  if (value >= 1e12)
    std::snprintf(text, sizeof text, "%.1f TB", value / 1e12);
  else if (value >= 1e9)
    std::snprintf(text, sizeof text, "%.1f GB", value / 1e9);
  else if (value >= 1e6)
    std::snprintf(text, sizeof text, "%.0f MB", value / 1e6);
  else
    std::snprintf(text, sizeof text, "%.0f kB", std::max(1.0, value / 1e3));
  return text;
}

void requireMemory(uint64_t needed, const std::string& what) {
  const uint64_t available = availableMemoryBytes();
  if (available == 0 || needed <= available) return;
  throw MemoryLimitError(what + " needs about " + memoryText(needed) + " of memory, and " + memoryText(available) +
                         " is available (MemAvailable, or --memory-limit / VITLENS_MEMORY_LIMIT): refused before "
                         "running");
}

void requireMemoryForPass(const VitConfig& config, int64_t batch, PassKind kind, const std::string& source,
                          int64_t capturedLayers) {
  std::ostringstream what;
  what << source << ": " << (kind == PassKind::Training ? "training on " : "running the model on ") << batch
       << (batch == 1 ? " image" : " images") << " of " << config.imageHeight << "x" << config.imageWidth << " ("
       << config.numTokens() << " tokens, " << config.depth << " layers x " << config.numHeads << " heads"
       << (kind != PassKind::InferenceCaptured ? ""
           : capturedLayers < 0                ? ", attention kept for every layer"
                                               : ", attention kept for " + std::to_string(capturedLayers) + " of them")
       << ")";
  requireMemory(estimatePassBytes(config, batch, kind, capturedLayers), what.str());
}

}  // namespace vitlens
