#pragma once
// RESERVE_API marks the symbols that form libreserve's public ABI; everything else is hidden
// (the library is built with -fvisibility=hidden).
#define RESERVE_API __attribute__((visibility("default")))
