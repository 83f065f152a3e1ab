// store_causal_: computes causal (multihead_attention.cell:25)
// one thread per element of [T, T]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= sizes.T * sizes.T) { return; }
  let i1 = id % sizes.T;
  let rest = id / sizes.T;
  let i0 = rest;
  let causal = select(0.0, 1.0, i1 <= i0);
  work_buf[82u * sizes.B * sizes.T + sizes.B + sizes.T * sizes.T + i0 * sizes.T + i1] = causal;
}
