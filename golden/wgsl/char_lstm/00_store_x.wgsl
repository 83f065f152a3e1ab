// store_x: computes x (char_lstm.cell:34)
// one thread per element of [T, B, 64]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;
@group(0) @binding(2) var<storage, read> params_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 64u * sizes.B * sizes.T) { return; }
  let i2 = id % 64u;
  let rest = id / 64u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let tokens = work_buf[i0 * sizes.B + i1];
  let embedding = params_buf[(u32(tokens)) * 64u + i2];
  work_buf[1100u * sizes.B * sizes.T + 4096u * sizes.B + 4u + ((i0) * sizes.B + i1) * 64u + i2] = embedding;
}
