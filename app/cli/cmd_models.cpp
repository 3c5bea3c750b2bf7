// vitlens-cli models: the models in the local Hugging Face cache (model/hub_cache.h), and which ones vitlens opens.
#include <nlohmann/json.hpp>

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <ctime>
#include <iostream>
#include <memory>

#include "commands.h"
#include "hub/hub_download.h"
#include "model/hub_cache.h"
#include "util/message_text.h"

namespace vitlens::cli {
namespace {

std::string dateOf(int64_t seconds) {
  const std::time_t time = static_cast<std::time_t>(seconds);
  std::tm utc{};
  gmtime_r(&time, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

std::string sizeOf(uint64_t bytes) {
  char text[32];
  if (bytes >= (1ull << 30)) {
    std::snprintf(text, sizeof text, "%.1f GB", static_cast<double>(bytes) / (1ull << 30));
  } else if (bytes >= (1ull << 20)) {
    std::snprintf(text, sizeof text, "%.0f MB", static_cast<double>(bytes) / (1ull << 20));
  } else {
    std::snprintf(text, sizeof text, "%.0f KB", static_cast<double>(bytes) / 1024.0);
  }
  return text;
}

}  // namespace

int runModels(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"json", "all"}, {});
  if (!args.positionals().empty()) throw UsageError("models takes no positional arguments");
  const std::string cache = hubCacheDir();
  const std::vector<CachedModel> models = listCachedModels(cache);
  if (args.has("json")) {
    nlohmann::json list = nlohmann::json::array();
    for (const CachedModel& m : models) {
      list.push_back({{"repo", m.repo},
                      {"commit", m.commit},
                      {"revisions", m.revisions},
                      {"reference", m.reference()},
                      {"snapshot", m.snapshot},
                      {"library", m.library},
                      {"architecture", m.architecture},
                      {"bytes", m.bytes},
                      {"modified", m.modified},
                      {"supported", m.supported},
                      {"reason", m.reason}});
    }
    const nlohmann::json result = {{"cache", cache}, {"models", list}};
    std::cout << result.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  std::printf("Hugging Face cache: %s\n", escapeControlCharacters(cache).c_str());
  int shown = 0, hidden = 0;
  for (const CachedModel& m : models) {
    if (!m.supported && !args.has("all")) {
      ++hidden;
      continue;
    }
    ++shown;
    std::printf("  %-52s %-13s %9s  %s  %s%s\n", escapeControlCharacters(m.reference()).c_str(), m.library.c_str(),
                sizeOf(m.bytes).c_str(), dateOf(m.modified).c_str(), escapeControlCharacters(m.architecture).c_str(),
                m.supported ? "" : ("  (not supported: " + escapeControlCharacters(m.reason) + ")").c_str());
  }
  if (shown == 0) std::printf("  no ViT vitlens can open%s\n", hidden > 0 ? "" : " (the cache is empty or absent)");
  if (hidden > 0) std::printf("%d other model(s) vitlens cannot open: --all lists them with the reason\n", hidden);
  std::printf("open one with: vitlens-cli classify --model hf:ORG/NAME IMAGE\n");
  return 0;
}

DownloadCallback terminalProgress() {
  if (!::isatty(STDERR_FILENO)) return {};
  auto start = std::make_shared<std::chrono::steady_clock::time_point>(std::chrono::steady_clock::now());
  auto file = std::make_shared<std::string>();
  return [start, file](const DownloadProgress& p) {
    if (p.file != *file) {
      *file = p.file;
      *start = std::chrono::steady_clock::now();
    }
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - *start).count();
    const double rate = seconds > 0.5 ? static_cast<double>(p.done) / seconds : 0.0;
    const double left = rate > 0 && p.total > p.done ? static_cast<double>(p.total - p.done) / rate : 0.0;
    std::fprintf(stderr, "\rdownloading %-24s %8.1f / %.1f MB  %6.1f MB/s  %4.0f s left ", p.file.c_str(),
                 static_cast<double>(p.done) / 1e6, static_cast<double>(p.total) / 1e6, rate / 1e6, left);
    if (p.done >= p.total) std::fprintf(stderr, "\n");
    return true;
  };
}

int runDownload(const std::vector<std::string>& arguments) {
  const Args args(arguments, {}, {});
  if (args.positionals().size() != 1) throw UsageError("download takes exactly one ORG/NAME[@REVISION]");
  std::string text = args.positionals()[0];
  if (!isHubReference(text)) text = "hf:" + text;
  HubReference reference;
  try {
    reference = parseHubReference(text);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  const std::string snapshot = downloadHubModel(reference, {}, terminalProgress());
  std::printf("%s: %s\n", text.c_str(), escapeControlCharacters(snapshot).c_str());
  return 0;
}

}  // namespace vitlens::cli
