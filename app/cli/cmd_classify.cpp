#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <iostream>

#include "commands.h"
#include "engine/engine.h"
#include "util/atomic_file.h"
#include "util/image_folder_scan.h"
#include "util/message_text.h"

namespace vitlens::cli {
namespace {

nlohmann::json toJson(const std::string& image, const Classification& result) {
  nlohmann::json top = nlohmann::json::array();
  for (const ClassScore& score : result.top) {
    top.push_back({{"index", score.index}, {"label", score.label}, {"prob", score.probability}});
  }
  return {
      {"image", image}, {"top", top}, {"device", result.device}, {"dtype", result.dtype}, {"ms", result.milliseconds}};
}

void printText(const std::string& image, const Classification& result) {
  const std::string where = result.dtype == "float32" ? result.device : result.device + ", " + result.dtype;
  std::printf("%s  (%s, %.1f ms)\n", escapeControlCharacters(image).c_str(), where.c_str(), result.milliseconds);
  if (result.top.empty()) std::printf("  (no classifier head: this model gives features and attention only)\n");
  for (size_t i = 0; i < result.top.size(); ++i) {
    const ClassScore& score = result.top[i];
    std::printf("  %2zu. %-24s %6.2f %%\n", i + 1, escapeControlCharacters(score.label).c_str(),
                100.0 * score.probability);
  }
}

}  // namespace

int runClassify(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"json", "force"}, withModelOptions({"topk", "ablate-heads", "drop-patches", "csv"}));
  if (args.positionals().empty()) throw UsageError("classify needs at least one IMAGE or folder");
  const auto csv = args.value("csv");
  if (csv) checkWritable(*csv, args.has("force"));
  // A folder stands for every image under it, recursively, sorted by path.
  std::vector<std::string> images;
  for (const std::string& path : args.positionals()) {
    std::error_code error;
    if (std::filesystem::is_directory(path, error)) {
      try {
        const std::vector<std::string> found = listImagesRecursively(path);
        if (found.empty()) throw UsageError(path + ": the folder holds no images (.jpg .jpeg .png .bmp .webp .tif)");
        images.insert(images.end(), found.begin(), found.end());
      } catch (const DatasetError& e) {
        throw UsageError(e.what());
      }
    } else {
      images.push_back(path);
    }
  }
  const int topk = args.intValue("topk", 5, 1, 100000);
  parseInterventions(args);  // malformed lists are refused before the model loads
  const auto engine = openEngine(args);
  const Interventions change = parseInterventions(args, *engine);  // against the model, before any image
  const bool json = args.has("json");

  nlohmann::json results = nlohmann::json::array();
  int failures = 0;
  FolderEvaluation table;  // for --csv: unlabelled outcomes
  for (const std::string& image : images) {
    ImageOutcome outcome;
    outcome.path = image;
    try {
      const cv::Mat rgb = decodeQuietly(image);
      const Classification classification =
          change.empty() ? engine->analyse(rgb, topk, false).classification : engine->classify(rgb, topk, change);
      for (const ClassScore& s : classification.top) outcome.top.push_back({s.index, s.label, s.probability});
      outcome.milliseconds = classification.milliseconds;
      if (json) {
        nlohmann::json result = toJson(image, classification);
        addInterventions(result, change);
        results.push_back(result);
      } else {
        printText(image, classification);
      }
    } catch (const std::exception& error) {
      // One bad image must not stop the others: report it and go on.
      const std::string line = errorText(error);
      reportError(line);
      if (json) results.push_back({{"image", image}, {"error", line}});
      outcome.error = line;
      ++failures;
    }
    table.perImage.push_back(std::move(outcome));
  }
  if (csv) {
    const std::string text = folderEvaluationCsv(table);
    writeFileAtomically(*csv, reinterpret_cast<const uint8_t*>(text.data()), text.size());
  }
  if (json)  // File names need not be UTF-8: replace invalid bytes rather than lose every result.
    std::cout << results.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
  return failures > 0 ? 1 : 0;
}

}  // namespace vitlens::cli
