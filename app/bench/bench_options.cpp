#include "bench_options.h"

#include <iostream>
#include <sstream>

#include "model/runtime.h"
#include "model/vit_config.h"
#include "util/arg_parser.h"

namespace vitlens::bench {
namespace {

const char* kUsage = R"(usage: vitlens-bench [--preset NAME | --model FILE] [--device auto|cpu|cuda] [--batch 1,64]
                     [--attention | --attention-both] [--warmup N] [--iterations N] [--min-seconds S]
                     [--threads N] [--json]

Times the forward pass of a ViT: median, min and max latency per batch size after a warm-up, and images/s.
  --preset NAME       cifar-seed (default), vit-ti16, vit-s16, vit-b16 (random weights)
  --model FILE        a vitlens .safetensors model instead of a preset
  --attention         capture every layer's attention (the explicit softmax path the GUI uses)
  --attention-both    time without and with capture
  --threads N         CPU threads (default: all cores; see README "Threads")
)";

std::vector<int> parseBatches(const std::string& text) {
  std::vector<int> batches;
  std::stringstream stream(text);
  std::string item;
  while (std::getline(stream, item, ',')) {
    const Args one({"--batch", item}, {}, {"batch"});
    batches.push_back(one.intValue("batch", 1, 1, 4096));
  }
  if (batches.empty()) throw UsageError("--batch needs a list such as 1,64");
  return batches;
}

}  // namespace

bool parseBenchOptions(int argc, char** argv, BenchOptions& options) {
  const std::vector<std::string> arguments(argv + 1, argv + argc);
  for (const std::string& arg : arguments) {
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      return false;
    }
  }
  const Args args(arguments, {"attention", "attention-both", "json"},
                  {"preset", "model", "device", "batch", "warmup", "iterations", "min-seconds", "threads"});
  if (!args.positionals().empty()) throw UsageError("unexpected argument '" + args.positionals()[0] + "'");
  if (args.has("preset") && args.has("model")) throw UsageError("give --preset or --model, not both");
  options.preset = args.valueOr("preset", options.preset);
  options.model = args.valueOr("model", "");
  options.device = args.valueOr("device", options.device);
  try {
    const DeviceChoice device = parseDeviceChoice(options.device);
    if (device == DeviceChoice::Cuda && !cudaAvailable()) {
      throw UsageError("CUDA was requested but is not available here; use --device cpu or auto");
    }
    if (options.model.empty()) VitConfig::preset(options.preset);
  } catch (const std::invalid_argument& error) {
    throw UsageError(error.what());
  }
  if (const auto batch = args.value("batch")) options.batches = parseBatches(*batch);
  if (args.has("attention-both")) {
    options.attention = {false, true};
  } else if (args.has("attention")) {
    options.attention = {true};
  }
  options.warmup = args.intValue("warmup", options.warmup, 0, 100000);
  options.iterations = args.intValue("iterations", options.iterations, 1, 1000000);
  options.minSeconds = args.doubleValue("min-seconds", options.minSeconds, 0.0, 3600.0);
  options.threads = args.intValue("threads", 0, 0, 1024);
  options.json = args.has("json");
  return true;
}

}  // namespace vitlens::bench
