#include "bench_options.h"

#include <iostream>
#include <sstream>

#include "analysis/map_request.h"
#include "model/runtime.h"
#include "model/vit_config.h"
#include "util/arg_parser.h"

namespace vitlens::bench {
namespace {

const char* kUsage = R"(usage: vitlens-bench [--preset NAME | --model FILE] [--device auto|cpu|cuda] [--batch 1,64]
                     [--attention | --attention-both] [--warmup N] [--iterations N] [--min-seconds S]
                     [--threads N] [--dtype float32|bfloat16|int8|float16|auto] [--input-size N]
                     [--capture-layers L[,L...]] [--memory] [--json]
       vitlens-bench --explain gae,grad-rollout,attn-grad,occlusion [--preset NAME | --model FILE] [...]
       vitlens-bench --check [--preset NAME] [--device auto|cpu|cuda] [--check-inputs N] [--threads N]
       vitlens-bench --oom-check [--preset NAME] [--device auto|cpu|cuda]

Times the forward pass of a ViT: median, min and max latency per batch size after a warm-up, and images/s.
  --preset NAME       cifar-seed (default), vit-ti16, vit-s16, vit-b16 (random weights)
  --model PATH        a vitlens, timm or Hugging Face model (file or folder) instead of a preset
  --attention         capture every layer's attention (the explicit softmax path the GUI uses)
  --attention-both    time without and with capture
  --capture-layers L  capture only these layers (0-based; implies --attention), as a view of one layer does
  --input-size N      run the preset at N x N input (more tokens: vit-l16 at 384 has 577)
  --memory            after each figure, the device memory in use (CUDA: everything the caching allocator holds,
                      i.e. the figure's peak; run one figure per process to compare) or the peak RSS (CPU)
  --threads N         CPU threads (default: all cores; see README "Threads")
  --dtype D           compute in float32 (default), bfloat16, int8 (CPU), float16 (CUDA) or auto (as
                      vitlens-cli --dtype auto chooses), as the app runs (README, "CPU speed")
  --explain M[,M...]  time one explanation of one image per method instead (gae, grad-rollout, attn-grad:
                      a forward pass with the attention kept in the graph and a backward pass; occlusion: one
                      forward pass per patch, batched 32; raw, rollout, random too); compare with
                      scripts/bench_explain_pytorch.py
  --check             agreement checks on presets cifar-seed, vit-ti16 and vit-b16 (or --preset) with random weights: the
                      device's float32 against the CPU's (logits within 1e-4 relative, attention within 1e-5),
                      then float16, bfloat16 and int8 (CPU) against float32 (top-1 agreement, max logit and attention
                      differences) on --check-inputs random inputs (default 256 on CUDA, 32 on the CPU).
                      Exit code 1 when float32 disagrees.
  --oom-check         on CUDA, fills the device's memory, runs the model into a real out-of-memory error, moves it
                      to the CPU and runs it there, comparing with a CPU reference (exit code 1 when that fails);
                      on the CPU the same path with a simulated error (VITLENS_SIMULATE_OOM semantics)
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
  const Args args(arguments, {"attention", "attention-both", "json", "check", "memory", "oom-check"},
                  {"preset", "model", "device", "batch", "warmup", "iterations", "min-seconds", "threads", "dtype",
                   "check-inputs", "explain", "input-size", "capture-layers"});
  if (!args.positionals().empty()) throw UsageError("unexpected argument '" + args.positionals()[0] + "'");
  if (args.has("preset") && args.has("model")) throw UsageError("give --preset or --model, not both");
  options.preset = args.valueOr("preset", options.preset);
  options.presetGiven = args.has("preset");
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
  options.dtype = args.valueOr("dtype", options.dtype);
  if (options.dtype != "float32" && options.dtype != "float16" && options.dtype != "bfloat16" &&
      options.dtype != "int8" && options.dtype != "auto") {
    throw UsageError("--dtype wants float32, bfloat16, int8, float16 or auto, not '" + options.dtype + "'");
  }
  if (const auto explain = args.value("explain")) {
    std::stringstream stream(*explain);
    std::string method;
    while (std::getline(stream, method, ',')) {
      try {
        parseMapMethod(method);
      } catch (const std::invalid_argument& error) {
        throw UsageError(error.what());
      }
      options.explain.push_back(method);
    }
  }
  options.check = args.has("check");
  options.oomCheck = args.has("oom-check");
  options.memory = args.has("memory");
  options.inputSize = args.intValue("input-size", 0, 0, 4096);
  if (options.inputSize > 0 && !options.model.empty()) throw UsageError("--input-size applies to a --preset only");
  if (const auto layers = args.value("capture-layers")) {
    std::stringstream stream(*layers);
    std::string item;
    while (std::getline(stream, item, ',')) {
      const Args one({"--layer", item}, {}, {"layer"});
      options.captureLayers.push_back(one.intValue("layer", 0, 0, 1000));
    }
    if (options.captureLayers.empty()) throw UsageError("--capture-layers needs a list such as 11 or 0,5,11");
    options.attention = {true};
  }
  options.checkInputs = args.intValue("check-inputs", 0, 1, 100000);
  return true;
}

}  // namespace vitlens::bench
