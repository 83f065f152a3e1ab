// store_add17: computes %17 (rwkv.cell:29)
// one thread per four elements along the last axis of [T, B, 16]

struct Sizes { T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<vec4f>;
@group(0) @binding(2) var<storage, read> params_buf: array<vec4f>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 4u * sizes.B * sizes.T) { return; }
  let i2 = id % 4u;
  let rest = id / 4u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  let x = work_buf[((i0) * sizes.B + i1) * 4u + i2];
  let time_mix_k_l0 = params_buf[i2];
  let mul13 = (x * time_mix_k_l0);
  let previous = work_buf[8u * sizes.B * sizes.T + ((i0) * sizes.B + i1) * 4u + i2];
  let sub15 = (vec4f(1.0) - time_mix_k_l0);
  let mul16 = (previous * sub15);
  let add17 = (mul13 + mul16);
  work_buf[12u * sizes.B * sizes.T + 4u * sizes.B + ((i0) * sizes.B + i1) * 4u + i2] = add17;
}
