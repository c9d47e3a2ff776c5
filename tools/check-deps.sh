#!/usr/bin/env bash
# Layering check: every #include of a project header must point down the
# dependency order, and each external library may be included only from
# the directories that own it. Prints TAP; exits non-zero on a violation.
#
#   cli -> web -> core -> {feed, html, fetch, store} -> model -> base
# (store also uses text, for the search tokenizer's stemming)
set -u
cd "$(dirname "$0")/.." || exit 1

# Which project directories each directory may include.
declare -A allowed=(
	[base]="base"
	[model]="base model"
	[html]="base model html"
	[feed]="base model html feed"
	[fetch]="base fetch"
	[store]="base model text store"
	[text]="base text"
	[extract]="base model html text extract"
	[nlp]="base model text nlp"
	[story]="base model text story"
	[core]="base model html feed fetch store text extract nlp story core"
	[web]="base model core store web"
	[cli]="base model core feed store web html fetch extract nlp text cli"
)
# Which directories may include each external library's headers.
declare -A owners=(
	["libxml/"]="feed html extract"
	["curl/"]="fetch"
	["sqlite3.h"]="store"
	["libpq-fe.h"]="store"
	["microhttpd.h"]="web"
	["sodium.h"]="core"
	["libstemmer.h"]="text"
)

n=0
bad=0
for f in src/*/*.c src/*/*.h; do
	dir=$(basename "$(dirname "$f")")
	[ -n "${allowed[$dir]+x}" ] || { echo "not ok - $f: unknown directory $dir"; bad=1; continue; }
	while IFS= read -r inc; do
		target=${inc%%/*}
		case " ${allowed[$dir]} " in
		*" $target "*) ;;
		*) echo "# $f includes $inc: $dir may not depend on $target"; bad=1 ;;
		esac
	done < <(sed -n 's/^#include "\([a-z_]*\/[a-z_0-9]*\.h\)".*/\1/p' "$f")
	for lib in "${!owners[@]}"; do
		if grep -q "^#include <$lib" "$f"; then
			case " ${owners[$lib]} " in
			*" $dir "*) ;;
			*) echo "# $f includes <$lib...>: only ${owners[$lib]} may"; bad=1 ;;
			esac
		fi
	done
done
n=$((n + 1))
if [ $bad -eq 0 ]; then echo "ok $n - includes point down the layers"; else echo "not ok $n - layering violations above"; fi

# Inside src/extract, the passes of the body finder include down their own
# order (content.c's header comment draws it).
declare -A passes=(
	[phrases]=""
	[classname]=""
	[tree]="phrases classname"
	[furniture]="tree phrases classname"
	[choose]="furniture tree phrases classname"
	[clean]="furniture tree phrases classname"
	[emit]="tree phrases classname"
)
pass_bad=0
for f in src/extract/*.c src/extract/*.h; do
	base=$(basename "$f"); base=${base%.*}
	[ -n "${passes[$base]+x}" ] || continue
	while IFS= read -r inc; do
		[ "$inc" = "$base" ] && continue
		[ -n "${passes[$inc]+x}" ] || continue
		case " ${passes[$base]} " in
		*" $inc "*) ;;
		*) echo "# $f includes extract/$inc.h: $base may not depend on $inc"; pass_bad=1 ;;
		esac
	done < <(sed -n 's/^#include "extract\/\([a-z_]*\)\.h".*/\1/p' "$f")
done
n=$((n + 1))
if [ $pass_bad -eq 0 ]; then echo "ok $n - extract's passes include down their order"; else echo "not ok $n - extract pass order violations above"; bad=1; fi
exit $bad
