#include <nlohmann/json.hpp>

#include <iostream>

#include "commands.h"
#include "engine/engine.h"
#include "util/message_text.h"

namespace vitlens::cli {

int runInfo(const std::vector<std::string>& arguments) {
  const Args args(arguments, {"json"}, withModelOptions({}));
  if (!args.positionals().empty()) throw UsageError("info takes no positional arguments");
  const auto engine = openEngine(args);
  const ModelMeta& meta = engine->meta();
  const VitConfig& c = meta.config;

  nlohmann::json info;
  info["model"] = engine->source();
  info["name"] = meta.name;
  info["config"] = nlohmann::json::parse(c.toJson());
  info["parameters"] = engine->parameterCount();
  info["grid"] = {c.gridHeight(), c.gridWidth()};
  info["tokens"] = c.numTokens();
  info["labels"] = meta.labels;
  info["mean"] = meta.mean;
  info["std"] = meta.stddev;
  info["crop_pct"] = meta.cropPct;
  info["provenance"] = meta.provenance;
  info["device"] = engine->device();
  if (args.has("json")) {
    std::cout << info.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return 0;
  }
  // Names, labels and provenance come from the file: escaped, so they cannot drive the terminal.
  const auto safe = [](const std::string& text) { return escapeControlCharacters(text); };
  std::cout << "model:       " << safe(engine->source()) << " (" << safe(meta.name) << ")\n"
            << "input:       " << c.imageHeight << " x " << c.imageWidth << " x " << c.channels << ", patch "
            << c.patchSize << " -> grid " << c.gridHeight() << " x " << c.gridWidth() << " = " << c.numPatches()
            << " patches, " << c.numTokens() << " tokens\n"
            << "transformer: depth " << c.depth << ", width " << c.embedDim << ", heads " << c.numHeads << ", MLP "
            << c.mlpDim << ", qkv bias " << (c.qkvBias ? "yes" : "no") << ", pooling "
            << (c.pooling == Pooling::Token ? "class token" : "average") << "\n"
            << "classes:     " << c.numClasses << "\n"
            << "parameters:  " << engine->parameterCount() << "\n"
            << "mean / std:  " << nlohmann::json(meta.mean).dump() << " / " << nlohmann::json(meta.stddev).dump()
            << ", crop " << meta.cropPct << "\n";
  if (!meta.labels.empty()) {
    std::cout << "labels:      ";
    for (size_t i = 0; i < meta.labels.size() && i < 20; ++i) std::cout << (i ? ", " : "") << safe(meta.labels[i]);
    if (meta.labels.size() > 20) std::cout << ", ... (" << meta.labels.size() << ")";
    std::cout << "\n";
  }
  for (const auto& [key, value] : meta.provenance)
    std::cout << "provenance:  " << safe(key) << " = " << safe(value) << "\n";
  return 0;
}

}  // namespace vitlens::cli
