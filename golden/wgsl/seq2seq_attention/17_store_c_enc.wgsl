// store_c_enc: computes c_enc (seq2seq_attention.cell:67)
// one thread per element of [2, B, 64]

struct Sizes { S: u32, T: u32, B: u32, step: u32, }
@group(0) @binding(0) var<uniform> sizes: Sizes;
@group(0) @binding(1) var<storage, read_write> work_buf: array<f32>;

@compute @workgroup_size(64)
fn main(@builtin(global_invocation_id) gid: vec3u, @builtin(num_workgroups) groups: vec3u) {
  let id = gid.x + gid.y * groups.x * 64u;
  if (id >= 128u * sizes.B) { return; }
  let i2 = id % 64u;
  let rest = id / 64u;
  let i1 = rest % sizes.B;
  let rest_2 = rest / sizes.B;
  let i0 = rest_2;
  var c_enc: f32;
  if (i0 < 1u) {
    let c_final = work_buf[392u * sizes.B * sizes.S + 456u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i1 * 64u + i2];
    c_enc = c_final;
  } else {
    let c_final_2 = work_buf[392u * sizes.B * sizes.S + 712u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + i1 * 64u + i2];
    c_enc = c_final_2;
  }
  work_buf[392u * sizes.B * sizes.S + 200u * sizes.B + 408u * sizes.B * sizes.T + 4u * sizes.B * sizes.S * sizes.T + 4u + ((i0) * sizes.B + i1) * 64u + i2] = c_enc;
}
