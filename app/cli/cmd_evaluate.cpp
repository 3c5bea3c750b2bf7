// vitlens-cli evaluate: accuracy, per-class accuracy and confusion matrix of a model on an image folder.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <iostream>

#include "commands.h"
#include "engine/engine.h"
#include "model/runtime.h"
#include "training/evaluation.h"
#include "util/message_text.h"

namespace vitlens::cli {
namespace {

nlohmann::json toJson(const std::string& model, const std::string& data, const Evaluation& result) {
  const ConfusionMatrix& confusion = result.confusion;
  nlohmann::json perClass = nlohmann::json::object();
  for (int64_t index : result.presentClasses)
    perClass[confusion.labels()[static_cast<size_t>(index)]] = confusion.classAccuracy(index);
  return {{"model", model},
          {"data", data},
          {"images", result.images},
          {"accuracy", confusion.accuracy()},
          {"per_class", perClass},
          {"confusion", confusion.counts()},
          {"labels", confusion.labels()},
          {"images_per_s", result.imagesPerSecond}};
}

void printText(const std::string& model, const std::string& data, const Evaluation& result) {
  const ConfusionMatrix& confusion = result.confusion;
  std::printf("%s on %s: %lld images, accuracy %.4f (%.1f images/s)\n\nper-class accuracy:\n",
              escapeControlCharacters(model).c_str(), escapeControlCharacters(data).c_str(),
              static_cast<long long>(result.images), confusion.accuracy(), result.imagesPerSecond);
  for (int64_t index : result.presentClasses) {
    std::printf("  %-24s %.4f  (%lld images)\n",
                escapeControlCharacters(confusion.labels()[static_cast<size_t>(index)]).c_str(),
                confusion.classAccuracy(index), static_cast<long long>(confusion.rowTotal(index)));
  }
  std::printf("\nconfusion matrix (rows: true class, columns: predicted):\n%s", confusion.table().c_str());
}

}  // namespace

int runEvaluate(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"json"}, {"model", "data", "batch", "threads"});
  if (!args.positionals().empty()) throw UsageError("evaluate takes no positional arguments");
  const std::string model = args.valueOr("model", "");
  const auto data = args.value("data");
  if (!data) throw UsageError("evaluate needs --data DIR (holding <class>/<image>)");
  if (model.empty() && !hasBuiltInModel())
    throw UsageError("no model given and this build has no built-in model: pass --model FILE");
  const int batch = args.intValue("batch", 256, 1, 65536);
  const int threads = args.intValue("threads", 0, 0, 1024);
  // Batches are large, so the matrix products profit from every thread even for narrow models.
  const int count = threads > 0 ? threads : defaultThreads();
  configureThreads(count);
  const Evaluation result = evaluateModelFile(model, *data, batch, count);
  if (args.has("json")) {
    std::cout << toJson(model.empty() ? "built-in" : model, *data, result)
                     .dump(2, ' ', false, nlohmann::json::error_handler_t::replace)
              << "\n";
  } else {
    printText(model.empty() ? "built-in model" : model, *data, result);
  }
  return 0;
}

}  // namespace vitlens::cli
