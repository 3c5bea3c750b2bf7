// vitlens-cli evaluate: accuracy, per-class accuracy and confusion matrix of a model on an image folder, through
// the same Engine::evaluateFolder the window's Evaluate Folder runs.
#include <cstdio>
#include <iostream>

#include "commands.h"
#include "engine/engine.h"
#include "model/runtime.h"
#include "util/atomic_file.h"
#include "util/message_text.h"

namespace vitlens::cli {
namespace {

void printText(const std::string& model, const std::string& data, const FolderEvaluation& result) {
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
  const Args args(arguments, {"json", "per-image", "force"}, withModelOptions({"data", "batch", "csv"}));
  if (!args.positionals().empty()) throw UsageError("evaluate takes no positional arguments");
  const auto data = args.value("data");
  if (!data) throw UsageError("evaluate needs --data DIR (holding <class>/<image>)");
  if (args.has("per-image") && !args.has("json")) throw UsageError("--per-image goes with --json");
  const auto csv = args.value("csv");
  if (csv) checkWritable(*csv, args.has("force"));
  FolderOptions options;
  options.batch = args.intValue("batch", 256, 1, 65536);
  // Batches are large, so the matrix products profit from every thread even for narrow models; decoding too.
  const int threads = args.intValue("threads", 0, 0, 1024);
  options.threads = threads > 0 ? threads : defaultThreads();
  const auto engine = openEngine(args);
  configureThreads(threads, engine->meta().config.embedDim, engine->computeDtype(), options.batch);
  const FolderEvaluation result = engine->evaluateFolder(*data, options);
  for (const ImageOutcome& outcome : result.perImage) {
    if (!outcome.error.empty()) reportError(outcome.error);  // one line each; the others still count
  }
  if (csv) {
    const std::string text = folderEvaluationCsv(result);
    writeFileAtomically(*csv, reinterpret_cast<const uint8_t*>(text.data()), text.size());
  }
  const std::string model = args.valueOr("model", "");
  if (args.has("json")) {
    std::cout << folderEvaluationJson(result, model.empty() ? "built-in" : model, *data, args.has("per-image")) << "\n";
  } else {
    printText(model.empty() ? "built-in model" : model, *data, result);
  }
  return result.failed > 0 ? 1 : 0;
}

}  // namespace vitlens::cli
