// store_transpose6: computes %6 (attention_luong.cell:42)
// one thread per element of [B, S, 16]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B * sizes.S) { return; }
  let i2 = id % 16u;
  let rest = id / 16u;
  let i1 = rest % sizes.S;
  let rest_2 = rest / sizes.S;
  let i0 = rest_2;
  let memory = work_buf[8u * sizes.B * sizes.T + ((i1) * sizes.B + i0) * 16u + i2];
  work_buf[104u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.S + i1) * 16u + i2] = memory;
}
