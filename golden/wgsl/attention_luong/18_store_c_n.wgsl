// store_c_n: computes c_n (attention_luong.cell:42)
// one thread per element of [1, B, 16]

struct Sizes { T: u32, S: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 16u * sizes.B) { return; }
  let i2 = id % 16u;
  let rest = id / 16u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var c_n: f32;
  if (i0 < 1u) {
    let c_final = work_buf[104u * sizes.B * sizes.T + 40u * sizes.B * sizes.S + 148u * sizes.B + 8u * sizes.B * sizes.S * sizes.T + i1 * 16u + i2];
    c_n = c_final;
  }
  work_buf[24u * sizes.B * sizes.T + 16u * sizes.B * sizes.S + 116u * sizes.B + 4u * sizes.B * sizes.S * sizes.T + ((i0) * sizes.B + i1) * 16u + i2] = c_n;
}
