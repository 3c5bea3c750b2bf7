// vitlens-cli: the headless face of vitlens (see README, "Command line").
#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "commands.h"
#include "model/blas_kernels.h"
#include "model/memory_estimate.h"
#include "util/malloc_tuning.h"
#include "util/message_text.h"

namespace {

const char* kUsage = R"(usage: vitlens-cli COMMAND [OPTIONS]

Commands:
  info       [--model PATH] [--json]                      model architecture, labels and provenance
  models     [--all] [--json]                             the ViTs in the local Hugging Face cache (HF_HUB_CACHE,
             $HF_HOME/hub or ~/.cache/huggingface/hub); every command's --model takes hf:ORG/NAME[@REVISION]
             (downloaded into the cache when missing, unless HF_HUB_OFFLINE=1)
  download   ORG/NAME[@REVISION]                           fetch config.json, model.safetensors and
             preprocessor_config.json into the cache (HF_ENDPOINT, HF_TOKEN or the huggingface-cli login token)
  classify   [--model PATH] [--device auto|cpu|cuda] [--topk K] [--ablate-heads L:H[,L:H...]]
             [--drop-patches P[,P...]] [--csv FILE] [--force] [--json] IMAGE|DIR...
             a folder stands for every image under it, recursively, sorted; --csv writes one row per image
             (path,label,predicted,probability,correct,top_k)
             --ablate-heads zeroes those heads' share of the attention output (before attn.proj);
             --drop-patches removes those patch tokens (row-major, as --query) after the position embedding;
             the JSON then has "ablated" [[L, H], ...] and "dropped" [P, ...]
  attention  [--model PATH] [--layer N|last] [--head N|mean|max|min] [--method raw|rollout]
             [--discard R] [--query cls|PATCH] [--colormap NAME] [--alpha A] [--grid] [--npy FILE]
             [--ablate-heads ...] [--drop-patches ...] [--force] --out PNG|JPG IMAGE
             with --ablate-heads / --drop-patches, the attention of the changed model; dropped patches are
             hatched in the PNG and NaN in the .npy
  explain    [--model PATH] --method gae|grad-rollout|attn-grad|occlusion|rollout|raw|random|tokens
             [--class top|INDEX|LABEL] [--discard R] [--seed N] [--layer N|last] [--npy FILE] [--out PNG|JPG]
             [--colormap NAME] [--alpha A] [--ablate-heads ...] [--drop-patches ...] [--force] [--json] IMAGE
             why the model chose a class: gae (Chefer et al. 2021), grad-rollout (gradient-weighted rollout),
             attn-grad (last layer's attention times its gradient), occlusion (drop in p(class) per patch set to
             the mean colour); rollout, raw (last layer, mean of heads) and random (seeded) for comparison;
             tokens (layer --layer's token norms, "prefix" in the JSON). --npy writes the raw map (float32, grid
             rows x columns, NaN for dropped patches); --json prints image, method, class, grid, ms (and
             "ablated", "dropped" when the model was changed)
  faithfulness [--model PATH] --data DIR --method M[,M...] [--steps 0.1,...,0.9] [--limit N] [--shard K/N]
             [--discard R] [--seed N] [--csv FILE] [--force] [--json]
             how faithful each method's map is, on DIR/<class>/<image> (folders = model labels): remove the
             top (positive) or bottom (negative) fraction of patches by the map, set to the mean colour, and
             take top-1 accuracy; RISE deletion / insertion (from a blurred copy) of the predicted class's
             probability; AUC x 100 over 0 .. the last step. --limit N: N images spread evenly over the folder
             (every class sampled); --shard K/N: every N-th of those from the K-th (0 <= K < N; merge the
             --json outputs with scripts/merge_faithfulness.py)
  lens       [--model PATH] [--topk K] [--ablate-heads ...] [--drop-patches ...] [--json] IMAGE
             logit lens: the top classes if the blocks stopped after each layer (final norm and head applied)
  tokens     [--model PATH] --layer N|last [--npy FILE] [--out PNG|JPG] [--force] [--json] IMAGE
             the L2 norm of every token of layer N's output (before the final norm): the map on the grid
             (--npy float32, NaN for dropped patches), the prefix tokens' norms and the largest patches
  ablate-scan [--model PATH] [--class top|INDEX|LABEL] [--batch N] [--json] IMAGE
             every head ablated alone: the change in the class's probability, a layers x heads table
  filters    [--model PATH] [--pca] [--scale S] [--force] --out PNG|JPG
  init       --preset NAME --out FILE [--seed N] [--dtype float32|float16|bfloat16] [--force]
             write an untrained, randomly initialised model (presets: cifar-seed, vit-ti16, vit-s16, vit-b16, vit-l16)
  train      --data DIR --out FILE [--val DIR] [--holdout N] [--preset NAME] [--image N] [--patch N] [--dim N]
             [--depth N] [--heads N] [--mlp N] [--epochs N] [--batch N] [--lr LR] [--min-lr LR]
             [--weight-decay W] [--warmup EPOCHS] [--label-smoothing S] [--clip NORM] [--crop-pad P] [--no-flip]
             [--class-weighted] [--ohem FRACTION] [--imbalance RATIO] [--seed N] [--thread-pool blas|torch]
             [--resume] [--force]
             train a ViT on DIR/train/<class>/<image> (classes: sorted folder names) with AdamW, linear warm-up
             and per-step cosine decay; validation on --val DIR or a seeded hold-out of N training images (5000).
             Defaults: preset cifar-seed, 100 epochs, batch 256, lr 1e-3, weight decay 0.05 (not on biases, norms,
             prefix tokens, pos_embed), warm-up 5, label smoothing 0.1, clip 1.0, random crop with 4 px zero padding
             and horizontal flips. --class-weighted weights the cross entropy by N / N_i of the training split;
             --ohem F trains only on the hardest fraction F of each batch (by per-sample loss); --imbalance R
             trains on a seeded long-tailed subset where class i keeps n_max * R^(-i/(C-1)) images.
             --thread-pool picks which pool gets --threads (blas: OpenBLAS, the default; torch: LibTorch's).
             Writes FILE after every epoch, FILE.ckpt (weights, optimizer, epoch; --resume continues from it)
             and FILE.metrics.csv. Ctrl-C stops after the current batch and keeps the last epoch (exit 130).
  evaluate   [--model PATH] --data DIR [--batch N] [--csv FILE] [--force] [--json [--per-image]]
             accuracy, per-class accuracy and confusion matrix on DIR/<class>/<image> (folders = model labels);
             --per-image adds every image's result to the JSON ("per_image"), --csv writes one row per image;
             unreadable images are reported (exit 1) and the rest still counted

  convert    --model PATH --out FILE [--dtype float32|float16|bfloat16] [--force]
             write a timm or Hugging Face checkpoint as one vitlens file (config, labels, mean/std, provenance)

Models (--model PATH): a vitlens .safetensors file; a timm checkpoint (model.safetensors with its config.json,
or a bare timm state dict); a Hugging Face ViTForImageClassification / ViTModel (model.safetensors with
config.json and preprocessor_config.json); or the folder that holds them. No --model: the built-in model.
  --heads N          attention heads, for a checkpoint that does not say (default: config.json, the timm
                     architecture name, else width / 64)
  --input-size S     run at S or HxW pixels; the position embeddings are interpolated bicubically
  --labels FILE      class names, one per line (1000-class models without labels get ImageNet-1k's)
  --dtype D          compute in auto (default), float32, bfloat16, int8 (CPU only) or float16 (CUDA only).
                     auto, for models at least 384 wide: bfloat16 on a CPU with AMX, int8 on other CPUs (also
                     those with AVX-512 BF16 but no AMX); else float32, and float32 on CUDA. Attention maps are
                     returned in float32 either way

Common options: --threads N (CPU threads; default: all cores), --force (overwrite an existing output file; only
a regular file is ever replaced), --memory-limit SIZE (e.g. 8G: the most memory a model pass may need; default:
MemAvailable, or VITLENS_MEMORY_LIMIT; passes estimated to need more are refused before they run).
Layers, heads and patches are numbered from 0. Run 'vitlens-cli COMMAND --help' for details.
Exit codes: 0 success, 1 an input could not be processed, 2 usage error.
)";

// The lines of kUsage that describe one command (its line and the indented ones after it), or empty.
std::string commandUsage(const std::string& command) {
  const std::string usage = kUsage;
  const std::string start = "\n  " + command + " ";
  size_t begin = usage.find(start);
  if (begin == std::string::npos) return "";
  ++begin;
  size_t end = begin;
  while (true) {
    end = usage.find('\n', end);
    if (end == std::string::npos || end + 3 >= usage.size()) break;
    // Continuation lines are indented past the command names; the next command or section ends the block.
    if (usage.compare(end + 1, 13, std::string(13, ' ')) != 0) break;
    ++end;
  }
  return usage.substr(begin, end - begin + 1);
}

// From "Models (--model PATH)" to the end: what every model command shares.
std::string sharedUsage() {
  const std::string usage = kUsage;
  return usage.substr(usage.find("\nModels (--model PATH)") + 1);
}

}  // namespace

int main(int argc, char** argv) {
  vitlens::reexecWithFasterBlasKernels(argv);  // before any work: OpenBLAS may have chosen slow kernels
  vitlens::tuneMallocForLargeTensors();        // before any tensor: a batch's activations are reused, not re-mapped
  std::vector<std::string> arguments(argv + 1, argv + argc);
  if (arguments.empty()) {
    std::cerr << kUsage;  // a usage error: the help goes to stderr, and the exit code says so
    return 2;
  }
  if (arguments[0] == "--help" || arguments[0] == "-h" || arguments[0] == "help") {
    std::cout << kUsage;
    return 0;
  }
  if (arguments[0] == "--version" || arguments[0] == "-V") {
    std::cout << "vitlens-cli " << VITLENS_VERSION << "\n";
    return 0;
  }
  const std::string command = arguments[0];
  arguments.erase(arguments.begin());
  for (const std::string& arg : arguments) {
    if (arg == "--") break;  // what follows is a file name, even "-h"
    if (arg == "--help" || arg == "-h") {
      const std::string own = commandUsage(command);
      if (own.empty()) {
        std::cout << kUsage;
      } else {
        std::cout << "usage: vitlens-cli " << own.substr(2) << "\n" << sharedUsage();
      }
      return 0;
    }
  }
  try {
    // --memory-limit SIZE applies to every command: the most memory a model pass may plan to use.
    for (size_t i = 0; i < arguments.size(); ++i) {
      const std::string& arg = arguments[i];
      if (arg == "--") break;
      if (arg != "--memory-limit" && arg.rfind("--memory-limit=", 0) != 0) continue;
      std::string value;
      if (arg == "--memory-limit") {
        if (i + 1 >= arguments.size()) throw vitlens::cli::UsageError("option --memory-limit needs a value");
        value = arguments[i + 1];
        arguments.erase(arguments.begin() + static_cast<std::ptrdiff_t>(i),
                        arguments.begin() + static_cast<std::ptrdiff_t>(i) + 2);
      } else {
        value = arg.substr(std::string("--memory-limit=").size());
        arguments.erase(arguments.begin() + static_cast<std::ptrdiff_t>(i));
      }
      try {
        vitlens::setMemoryLimit(vitlens::parseMemorySize(value));
      } catch (const std::invalid_argument& error) {
        throw vitlens::cli::UsageError(std::string("--memory-limit: ") + error.what());
      }
      --i;
    }
    if (command == "info") return vitlens::cli::runInfo(arguments);
    if (command == "classify") return vitlens::cli::runClassify(arguments);
    if (command == "attention") return vitlens::cli::runAttention(arguments);
    if (command == "explain") return vitlens::cli::runExplain(arguments);
    if (command == "faithfulness") return vitlens::cli::runFaithfulness(arguments);
    if (command == "lens") return vitlens::cli::runLens(arguments);
    if (command == "tokens") return vitlens::cli::runTokens(arguments);
    if (command == "ablate-scan") return vitlens::cli::runAblateScan(arguments);
    if (command == "models") return vitlens::cli::runModels(arguments);
    if (command == "download") return vitlens::cli::runDownload(arguments);
    if (command == "filters") return vitlens::cli::runFilters(arguments);
    if (command == "init") return vitlens::cli::runInit(arguments);
    if (command == "train") return vitlens::cli::runTrain(arguments);
    if (command == "evaluate") return vitlens::cli::runEvaluate(arguments);
    if (command == "convert") return vitlens::cli::runConvert(arguments);
    throw vitlens::cli::UsageError("unknown command '" + command + "'");
  } catch (const vitlens::cli::UsageError& error) {
    std::cerr << "vitlens-cli: error: " << vitlens::displayText(error.what()) << " (see vitlens-cli --help)\n";
    return 2;
  } catch (const std::exception& error) {
    // One line: LibTorch's backtrace dropped, control characters (a newline in a path) escaped, length bounded.
    vitlens::cli::reportError(vitlens::cli::errorText(error));
    return 1;
  }
}
